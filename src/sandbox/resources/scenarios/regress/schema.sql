-- A tiny shop: orders and the refunds paid on them.
CREATE TABLE main.shop.orders (
  order_id      INT NOT NULL,
  customer      STRING,
  order_date    DATE,
  sales_amount  DECIMAL(10,2),
  region        STRING
);

CREATE TABLE main.shop.refunds (
  refund_id     INT NOT NULL,
  order_id      INT,
  refund_date   DATE,
  amount        DECIMAL(10,2),
  reason        STRING
);
