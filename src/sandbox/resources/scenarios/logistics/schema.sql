-- Outbound logistics of a distributor (Databricks SQL; the sandbox runs it on H2, see docs/sandbox.md).
-- Loaded nightly from the transportation management system (TMS) and the claims tool; codes as the TMS keeps them.

CREATE TABLE scm.logistics.carriers (
  carrier_id   INT NOT NULL,
  carrier_nm   STRING,
  scac         STRING,
  mode_cd      STRING,
  pref_flg     STRING
);

CREATE TABLE scm.logistics.warehouses (
  wh_cd        STRING NOT NULL,
  wh_nm        STRING,
  city         STRING,
  ctry         STRING,
  wh_typ       STRING,
  opened_dt    DATE
);

CREATE TABLE scm.logistics.customers (
  cust_id      INT NOT NULL,
  cust_nm      STRING,
  ctry         STRING,
  seg          STRING
);

CREATE TABLE scm.logistics.shipments (
  shp_id       INT NOT NULL,
  ord_ref      STRING,
  cust_id      INT,
  orig_wh      STRING,
  dest_wh      STRING,
  dest_ctry    STRING,
  carrier_id   INT,
  svc_lvl      STRING,
  ship_dt      DATE,
  prom_dt      DATE,
  dlv_dt       DATE,
  shp_stat     STRING,
  pallets      INT,
  gross_wt_kg  DECIMAL(10,1),
  frt_cost     DECIMAL(12,2),
  is_xfer      BOOLEAN
);

CREATE TABLE scm.logistics.pkgs (
  pkg_id       INT NOT NULL,
  shp_id       INT,
  trk_no       STRING,
  pkg_typ      STRING,
  act_wt_kg    DECIMAL(8,1),
  dim_wt_kg    DECIMAL(8,1)
);

CREATE TABLE scm.logistics.claims (
  claim_id     INT NOT NULL,
  shp_id       INT,
  claim_typ    STRING,
  filed_dt     DATE,
  claim_amt    DECIMAL(12,2),
  paid_amt     DECIMAL(12,2),
  claim_stat   STRING
);
