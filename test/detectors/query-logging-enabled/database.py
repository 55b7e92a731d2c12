# SQLAlchemy engine set-up for a FastAPI service.
import os
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

DATABASE_URL = os.environ["DATABASE_URL"]
DEBUG = os.environ.get("DEBUG") == "1"

# expect: query-logging-enabled
engine = create_engine(DATABASE_URL, echo=True, pool_pre_ping=True)

# ok: query-logging-enabled
quiet_engine = create_engine(DATABASE_URL, echo=DEBUG)

SessionLocal = sessionmaker(bind=engine)

if DEBUG:
    # ok: query-logging-enabled
    debug_engine = create_engine(DATABASE_URL, echo=True)
