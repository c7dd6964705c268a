-- Run once by the postgres image when its data directory is first initialised
-- (/docker-entrypoint-initdb.d): one database per service, because each service owns its data and
-- shares none of it. k8s/base/postgres/init-scripts.yaml carries the same statements.
CREATE DATABASE orders;
CREATE DATABASE payments;
CREATE DATABASE inventory;
CREATE DATABASE notifications;
CREATE DATABASE analytics;
