-- defog-data car_dealership (see README.md): Postgres types as Databricks SQL types.

CREATE TABLE main.car_dealership.cars (
  id INT NOT NULL,
  make STRING NOT NULL,
  model STRING NOT NULL,
  year INT NOT NULL,
  color STRING NOT NULL,
  vin_number STRING NOT NULL,
  engine_type STRING NOT NULL,
  transmission STRING NOT NULL,
  cost DECIMAL(10, 2) NOT NULL,
  crtd_ts TIMESTAMP NOT NULL
);

CREATE TABLE main.car_dealership.salespersons (
  id INT NOT NULL,
  first_name STRING NOT NULL,
  last_name STRING NOT NULL,
  email STRING NOT NULL,
  phone STRING NOT NULL,
  hire_date DATE NOT NULL,
  termination_date DATE,
  crtd_ts TIMESTAMP NOT NULL
);

CREATE TABLE main.car_dealership.customers (
  id INT NOT NULL,
  first_name STRING NOT NULL,
  last_name STRING NOT NULL,
  email STRING NOT NULL,
  phone STRING NOT NULL,
  address STRING NOT NULL,
  city STRING NOT NULL,
  state STRING NOT NULL,
  zip_code STRING NOT NULL,
  crtd_ts TIMESTAMP NOT NULL
);

CREATE TABLE main.car_dealership.sales (
  id INT NOT NULL,
  car_id INT NOT NULL,
  salesperson_id INT NOT NULL,
  customer_id INT NOT NULL,
  sale_price DECIMAL(10, 2) NOT NULL,
  sale_date DATE NOT NULL,
  crtd_ts TIMESTAMP NOT NULL
);

CREATE TABLE main.car_dealership.inventory_snapshots (
  id INT NOT NULL,
  snapshot_date DATE NOT NULL,
  car_id INT NOT NULL,
  is_in_inventory BOOLEAN NOT NULL,
  crtd_ts TIMESTAMP NOT NULL
);

CREATE TABLE main.car_dealership.payments_received (
  id INT NOT NULL,
  sale_id INT NOT NULL,
  payment_date DATE NOT NULL,
  payment_amount DECIMAL(10, 2) NOT NULL,
  payment_method STRING NOT NULL,
  crtd_ts TIMESTAMP NOT NULL
);

CREATE TABLE main.car_dealership.payments_made (
  id INT NOT NULL,
  vendor_name STRING NOT NULL,
  payment_date DATE NOT NULL,
  payment_amount DECIMAL(10, 2) NOT NULL,
  payment_method STRING NOT NULL,
  invoice_number STRING NOT NULL,
  invoice_date DATE NOT NULL,
  due_date DATE NOT NULL,
  crtd_ts TIMESTAMP NOT NULL
);
