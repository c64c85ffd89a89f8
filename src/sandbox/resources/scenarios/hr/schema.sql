-- People analytics warehouse of a software company (Databricks SQL; the sandbox runs it on H2, see docs/sandbox.md).
-- Loaded nightly from the HRIS (Workday), the time-off tool and the applicant tracking system; names as the
-- integration team chose them.

CREATE TABLE people.hris.dept (
  dept_cd    STRING NOT NULL,
  dept_nm    STRING,
  div_cd     STRING,
  cost_ctr   STRING
);

CREATE TABLE people.hris.locations (
  loc_id     INT NOT NULL,
  site_nm    STRING,
  city       STRING,
  ctry_cd    STRING,
  rgn        STRING
);

CREATE TABLE people.hris.job_codes (
  job_cd     STRING NOT NULL,
  job_title  STRING,
  job_family STRING,
  job_lvl    STRING,
  flsa       STRING
);

CREATE TABLE people.hris.employees (
  emp_id     INT NOT NULL,
  full_nm    STRING,
  gndr       STRING,
  birth_dt   DATE,
  dept_cd    STRING,
  loc_id     INT,
  job_cd     STRING,
  mgr_id     INT,
  emp_typ    STRING,
  emp_stat   STRING,
  hire_dt    DATE,
  term_dt    DATE,
  term_rsn   STRING,
  is_test    BOOLEAN
);

CREATE TABLE people.hris.comp_hist (
  comp_id    INT NOT NULL,
  emp_id     INT,
  eff_dt     DATE,
  end_dt     DATE,
  base_amt   DECIMAL(12,2),
  ccy        STRING,
  base_usd   DECIMAL(12,2),
  chg_rsn    STRING
);

CREATE TABLE people.hris.absences (
  abs_id     INT NOT NULL,
  emp_id     INT,
  abs_typ    STRING,
  start_dt   DATE,
  end_dt     DATE,
  days       DECIMAL(4,1),
  apprv_stat STRING
);

CREATE TABLE people.hris.reqs (
  req_id     STRING NOT NULL,
  dept_cd    STRING,
  job_cd     STRING,
  loc_id     INT,
  prio       STRING,
  req_stat   STRING,
  open_dt    DATE,
  fill_dt    DATE
);
