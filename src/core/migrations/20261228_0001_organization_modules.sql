-- Issue 28: an organization runs one business (sometimes two). `modules` names the modules it runs;
-- null means it never chose and runs every module the deployment enables, as before.
alter table organization add column modules text[];
