import pg from 'pg';

// `date` columns are legal dates, not instants: keep them as 'YYYY-MM-DD' strings instead of
// letting pg turn them into a Date at local midnight. bigint (int8) counts fit in a JS number here.
pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));
