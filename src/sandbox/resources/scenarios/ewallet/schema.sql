-- defog-data ewallet (see README.md): Postgres types as Databricks SQL types.

CREATE TABLE main.consumer_div.users (
  uid BIGINT NOT NULL,
  username STRING NOT NULL,
  email STRING NOT NULL,
  phone_number STRING,
  created_at TIMESTAMP NOT NULL,
  last_login_at TIMESTAMP,
  user_type STRING NOT NULL,
  status STRING NOT NULL,
  country STRING,
  address_billing STRING,
  address_delivery STRING,
  kyc_status STRING,
  kyc_verified_at TIMESTAMP
);

CREATE TABLE main.consumer_div.merchants (
  mid BIGINT NOT NULL,
  name STRING NOT NULL,
  description STRING,
  website_url STRING,
  logo_url STRING,
  created_at TIMESTAMP NOT NULL,
  country STRING,
  state STRING,
  city STRING,
  postal_code STRING,
  address STRING,
  status STRING NOT NULL,
  category STRING,
  sub_category STRING,
  mcc INT,
  contact_name STRING,
  contact_email STRING,
  contact_phone STRING
);

CREATE TABLE main.consumer_div.coupons (
  cid BIGINT NOT NULL,
  merchant_id BIGINT NOT NULL,
  code STRING NOT NULL,
  description STRING,
  start_date DATE NOT NULL,
  end_date DATE NOT NULL,
  discount_type STRING NOT NULL,
  discount_value DECIMAL(10, 2) NOT NULL,
  min_purchase_amount DECIMAL(10, 2),
  max_discount_amount DECIMAL(10, 2),
  redemption_limit INT,
  status STRING NOT NULL,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP
);

CREATE TABLE main.consumer_div.wallet_transactions_daily (
  txid INT NOT NULL,
  sender_id BIGINT NOT NULL,
  sender_type INT NOT NULL,
  receiver_id BIGINT NOT NULL,
  receiver_type INT NOT NULL,
  amount DECIMAL(10, 2) NOT NULL,
  status STRING NOT NULL,
  type STRING NOT NULL,
  description STRING,
  coupon_id BIGINT,
  created_at TIMESTAMP NOT NULL,
  completed_at TIMESTAMP,
  transaction_ref STRING NOT NULL,
  gateway_name STRING,
  gateway_ref STRING,
  device_id STRING,
  ip_address STRING,
  user_agent STRING
);

CREATE TABLE main.consumer_div.wallet_user_balance_daily (
  user_id BIGINT,
  balance DECIMAL(10, 2) NOT NULL,
  updated_at TIMESTAMP NOT NULL
);

CREATE TABLE main.consumer_div.wallet_merchant_balance_daily (
  merchant_id BIGINT,
  balance DECIMAL(10, 2) NOT NULL,
  updated_at TIMESTAMP NOT NULL
);

CREATE TABLE main.consumer_div.notifications (
  id INT NOT NULL,
  user_id INT NOT NULL,
  message STRING NOT NULL,
  type STRING NOT NULL,
  status STRING NOT NULL,
  created_at TIMESTAMP NOT NULL,
  read_at TIMESTAMP,
  device_type STRING,
  device_id STRING,
  action_url STRING
);

CREATE TABLE main.consumer_div.user_sessions (
  user_id BIGINT NOT NULL,
  session_start_ts TIMESTAMP NOT NULL,
  session_end_ts TIMESTAMP,
  device_type STRING,
  device_id STRING
);

CREATE TABLE main.consumer_div.user_setting_snapshot (
  user_id BIGINT NOT NULL,
  snapshot_date DATE NOT NULL,
  tx_limit_daily DECIMAL(10, 2),
  tx_limit_monthly DECIMAL(10, 2),
  membership_status INT,
  password_hash STRING,
  api_key STRING,
  verified_devices STRING,
  verified_ips STRING,
  mfa_enabled BOOLEAN,
  marketing_opt_in BOOLEAN,
  created_at TIMESTAMP NOT NULL
);
