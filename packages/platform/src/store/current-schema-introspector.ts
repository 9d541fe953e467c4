/**
 * Kysely's introspection of a PostgreSQL database, narrowed to the current schema: the one the
 * store's search_path names, where its tables and its migration bookkeeping live.
 *
 * The migrator asks the introspector whether its tables exist. Kysely's own PostgreSQL
 * introspector answers by scanning the tables of every schema and calling per-table catalog
 * functions on each; a schema that another process drops during the scan (another Bankbridge's,
 * a test's) makes the whole query fail with "schema ... does not exist", and the start fails
 * with it. The migrator needs names only, of one schema.
 */
import {
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type DatabaseMetadataOptions,
  type Kysely,
  type SchemaMetadata,
  sql,
  type TableMetadata,
} from 'kysely';

export class CurrentSchemaIntrospector implements DatabaseIntrospector {
  constructor(private readonly db: Kysely<unknown>) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    const { rows } =
      await sql<SchemaMetadata>`select nspname as name from pg_catalog.pg_namespace`.execute(
        this.db,
      );
    return rows;
  }

  /** Tables and views of the current schema, without their columns (nothing here reads them). */
  async getTables(_options?: DatabaseMetadataOptions): Promise<TableMetadata[]> {
    const { rows } = await sql<{ name: string; schema: string; is_view: boolean }>`
      select c.relname as name, n.nspname as schema, c.relkind in ('v', 'm') as is_view
      from pg_catalog.pg_class c
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relkind in ('r', 'p', 'v', 'm')
    `.execute(this.db);
    return rows.map((row) => ({
      name: row.name,
      schema: row.schema,
      isView: row.is_view,
      columns: [],
    }));
  }

  async getMetadata(options?: DatabaseMetadataOptions): Promise<DatabaseMetadata> {
    return { tables: await this.getTables(options) };
  }
}
