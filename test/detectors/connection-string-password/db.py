import os
from sqlalchemy import create_engine

# expect: connection-string-password
engine = create_engine("postgresql://app:N7vq2Lx9Rk4mTz@db.internal:5432/app")

# ok: connection-string-password
dev_engine = create_engine("postgresql://postgres:postgres@localhost:5432/postgres")

# ok: connection-string-password
env_engine = create_engine(os.environ["DATABASE_URL"])

# ok: connection-string-password
built = f"postgresql://{os.environ['DB_USER']}:{os.environ['DB_PASSWORD']}@db.internal/app"

# expect: connection-string-password
CELERY_BROKER_URL = "amqp://worker:H4sT9vXq2LmR@rabbit.internal:5672//"
