-- defog-data derm_treatment (see README.md): Postgres types as Databricks SQL types.

CREATE TABLE main.derm_treatment.doctors (
  doc_id INT NOT NULL,
  first_name STRING,
  last_name STRING,
  specialty STRING,
  year_reg INT,
  med_school_name STRING,
  loc_city STRING,
  loc_state STRING,
  loc_zip STRING,
  bd_cert_num STRING
);

CREATE TABLE main.derm_treatment.patients (
  patient_id INT NOT NULL,
  first_name STRING,
  last_name STRING,
  date_of_birth DATE,
  date_of_registration DATE,
  gender STRING,
  email STRING,
  phone STRING,
  addr_street STRING,
  addr_city STRING,
  addr_state STRING,
  addr_zip STRING,
  ins_type STRING,
  ins_policy_num STRING,
  height_cm DOUBLE,
  weight_kg DOUBLE
);

CREATE TABLE main.derm_treatment.drugs (
  drug_id INT NOT NULL,
  drug_name STRING,
  manufacturer STRING,
  drug_type STRING,
  moa STRING,
  fda_appr_dt DATE,
  admin_route STRING,
  dos_amt DECIMAL(10, 2),
  dos_unit STRING,
  dos_freq_hrs INT,
  ndc STRING
);

CREATE TABLE main.derm_treatment.diagnoses (
  diag_id INT NOT NULL,
  diag_code STRING,
  diag_name STRING,
  diag_desc STRING
);

CREATE TABLE main.derm_treatment.treatments (
  treatment_id INT NOT NULL,
  patient_id INT,
  doc_id INT,
  drug_id INT,
  diag_id INT,
  start_dt DATE,
  end_dt DATE,
  is_placebo BOOLEAN,
  tot_drug_amt DECIMAL(10, 2),
  drug_unit STRING
);

CREATE TABLE main.derm_treatment.outcomes (
  outcome_id INT NOT NULL,
  treatment_id INT,
  assess_dt DATE,
  day7_lesion_cnt INT,
  day30_lesion_cnt INT,
  day100_lesion_cnt INT,
  day7_pasi_score DECIMAL(4, 1),
  day30_pasi_score DECIMAL(4, 1),
  day100_pasi_score DECIMAL(4, 1),
  day7_tewl DECIMAL(5, 2),
  day30_tewl DECIMAL(5, 2),
  day100_tewl DECIMAL(5, 2),
  day7_itch_vas INT,
  day30_itch_vas INT,
  day100_itch_vas INT,
  day7_hfg DECIMAL(4, 1),
  day30_hfg DECIMAL(4, 1),
  day100_hfg DECIMAL(4, 1)
);

CREATE TABLE main.derm_treatment.adverse_events (
  id INT NOT NULL,
  treatment_id INT,
  reported_dt DATE,
  description STRING
);

CREATE TABLE main.derm_treatment.concomitant_meds (
  id INT NOT NULL,
  treatment_id INT,
  med_name STRING,
  start_dt STRING,
  end_dt STRING,
  dose_amt DECIMAL(10, 2),
  dose_unit STRING,
  freq_hrs INT
);
