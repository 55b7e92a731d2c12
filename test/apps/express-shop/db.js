// Sequelize models for the shop. Postgres in every environment.
const { Sequelize, DataTypes } = require('sequelize');

// expect: hardcoded-secret-in-sink
const dbPassword = process.env.DB_PASSWORD || 'supersecret123';

// expect: query-logging-enabled
const sequelize = new Sequelize(process.env.DB_NAME || 'shop', process.env.DB_USER || 'shop', dbPassword, { host: process.env.DB_HOST || 'localhost', dialect: 'postgres' });

// Read replica for the reporting screens; quiet on purpose.
// ok: query-logging-enabled
const reporting = new Sequelize(process.env.REPORTING_DATABASE_URL, { logging: false });

const User = sequelize.define('User', {
  email: { type: DataTypes.STRING, unique: true, allowNull: false },
  name: DataTypes.STRING,
  password: { type: DataTypes.STRING, allowNull: false },
  role: { type: DataTypes.STRING, defaultValue: 'customer' },
  resetTokenHash: DataTypes.STRING,
  resetTokenExpires: DataTypes.DATE,
});

const Customer = sequelize.define('Customer', {
  userId: DataTypes.INTEGER,
  phone: DataTypes.STRING,
  dob: DataTypes.DATEONLY,
  address: DataTypes.TEXT,
  stripeCustomerId: DataTypes.STRING,
});

const Product = sequelize.define('Product', {
  sku: { type: DataTypes.STRING, unique: true },
  title: DataTypes.STRING,
  description: DataTypes.TEXT,
  priceCents: DataTypes.INTEGER,
  stock: DataTypes.INTEGER,
  attributes: DataTypes.JSONB,
});

const Order = sequelize.define('Order', {
  userId: DataTypes.INTEGER,
  totalCents: DataTypes.INTEGER,
  status: { type: DataTypes.STRING, defaultValue: 'pending' },
  cardLast4: DataTypes.STRING,
  cardNumber: DataTypes.STRING,
  cvv: DataTypes.STRING,
});

User.hasOne(Customer, { foreignKey: 'userId' });
User.hasMany(Order, { foreignKey: 'userId' });

module.exports = { sequelize, reporting, User, Customer, Product, Order };
