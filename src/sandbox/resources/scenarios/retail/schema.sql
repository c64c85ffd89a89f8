-- Retail sales warehouse (Databricks SQL; the sandbox runs it on H2, see docs/sandbox.md).
-- Column names are deliberately terse, as in many real warehouses: the space's knowledge has to explain them.

CREATE TABLE main.retail.customers (
  customer_id   INT NOT NULL,
  full_name     STRING,
  email         STRING,
  seg_cd        STRING,
  loyalty_tier  STRING,
  status        STRING,
  city          STRING,
  signup_date   DATE,
  credit_limit  DECIMAL(10,2)
);

CREATE TABLE main.retail.products (
  product_id    INT NOT NULL,
  product_name  STRING,
  category      STRING,
  brand         STRING,
  list_price    DECIMAL(10,2),
  unit_cost     DECIMAL(10,2),
  launch_date   DATE
);

CREATE TABLE main.retail.stores (
  store_id      INT NOT NULL,
  store_name    STRING,
  city          STRING,
  country       STRING,
  region        STRING,
  store_type    STRING,
  open_date     DATE
);

CREATE TABLE main.retail.orders (
  order_id      INT NOT NULL,
  customer_id   INT,
  store_id      INT,
  ship_dt       DATE,
  ord_dt        DATE,
  status        STRING,
  channel       STRING
);

CREATE TABLE main.retail.order_items (
  item_id       INT NOT NULL,
  order_id      INT,
  sku           INT,
  unit_price    DECIMAL(10,2),
  qty           INT,
  disc_pct      DECIMAL(5,2),
  net_amt       DECIMAL(12,2)
);
