import type { Db, EmulatedInstance } from "../sourcegraph/instance-record";
import { setDatabaseReadOnly } from "../sourcegraph/instance-state";
import type { RemoteResult } from "./remote-result";

/**
 * `docker exec pgsql psql … -c '<sql>'` for the statements the control plane sends: toggling
 * `default_transaction_read_only`, a write probe, and SHOW. psql runs a `-c` string as one
 * transaction, prints only the last statement's result, and prints errors as `ERROR:  …`.
 */
const READ_ONLY_SETTING = /^alter database sg set default_transaction_read_only\s*(?:=|to)\s*(true|false|on|off)$/i;
const WRITES: Array<[RegExp, string, (rows: number) => string]> = [
  [/^create table\b/i, "CREATE TABLE", () => "CREATE TABLE"],
  [/^insert into\b/i, "INSERT", () => "INSERT 0 1"],
  [/^delete from\b/i, "DELETE", () => "DELETE 1"],
  [/^update\b/i, "UPDATE", () => "UPDATE 1"],
  [/^truncate\b/i, "TRUNCATE TABLE", () => "TRUNCATE TABLE"],
];

export async function runPsql(db: Db, instance: EmulatedInstance, sql: string, tuplesOnly: boolean): Promise<RemoteResult> {
  if (!instance.database) return { exitCode: 2, stdout: [], stderr: ['psql: error: connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: FATAL:  database "sg" does not exist'] };
  const statements = sql.split(";").map((s) => s.trim().replace(/\s+/g, " ")).filter(Boolean);
  let readWrite = false;
  let newReadOnly: boolean | undefined;
  let output: string[] = [];
  for (const [index, statement] of statements.entries()) {
    const readOnlyNow = instance.databaseReadOnly && !readWrite;
    if (/^set transaction read write$/i.test(statement)) {
      if (index !== 0) return fail("SET TRANSACTION ISOLATION LEVEL must be called before any query");
      readWrite = true;
      output = ["SET"];
    } else if (READ_ONLY_SETTING.test(statement)) {
      if (readOnlyNow) return fail("cannot execute ALTER DATABASE in a read-only transaction");
      newReadOnly = /true|on/i.test(READ_ONLY_SETTING.exec(statement)![1]);
      output = ["ALTER DATABASE"];
    } else if (/^show default_transaction_read_only$/i.test(statement)) {
      const value = instance.databaseReadOnly ? "on" : "off";
      output = tuplesOnly ? [value] : [" default_transaction_read_only ", "-------------------------------", ` ${value}`, "(1 row)", ""];
    } else {
      const write = WRITES.find(([pattern]) => pattern.test(statement));
      if (!write) return { exitCode: 127, stdout: [], stderr: [`fake gcloud: this SQL is not emulated: ${statement}`] };
      if (readOnlyNow) return fail(`cannot execute ${write[1]} in a read-only transaction`);
      output = [write[2](1)];
    }
  }
  // The whole -c string commits together, or (on any error above) not at all. The setting is
  // saved in the database, so on the data disk (a snapshot of it carries it along).
  if (newReadOnly !== undefined) await setDatabaseReadOnly(db, instance.database!, newReadOnly);
  return { exitCode: 0, stdout: output, stderr: [] };
}

function fail(message: string): RemoteResult {
  return { exitCode: 1, stdout: [], stderr: [`ERROR:  ${message}`] };
}
