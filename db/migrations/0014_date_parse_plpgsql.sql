-- lumen_to_timestamptz in PL/pgSQL, same results. As a SQL function with a FROM clause it
-- could not be inlined, and every call started an executor of its own: 72 µs a call on the
-- benchmark machine against 9 µs now (40,000 signup dates: 2.9 s → 0.37 s), which bounded a
-- date condition on a large candidate set (R4 in bench/segments.ts). PL/pgSQL runs its
-- simple expressions without an executor per call.
-- Reads a jsonb value as an instant, or NULL when it is not a date string Lumen understands.
-- Never raises, so a customer with a malformed date attribute simply does not match.
-- Mirrors parseIsoDate() in lib/segments/condition-schema.ts; change both together.
CREATE OR REPLACE FUNCTION lumen_to_timestamptz(v jsonb) RETURNS timestamptz
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  m text[];
BEGIN
  IF jsonb_typeof(v) <> 'string' THEN
    RETURN NULL;
  END IF;
  m := regexp_match(v #>> '{}',
    '^((?:19|20|21)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?:[T ]([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d(?:\.\d{1,3})?))?)?(Z|[+-](?:0\d|1[0-4]):?[0-5]\d)?$');
  IF m IS NULL THEN
    RETURN NULL;
  END IF;
  RETURN make_timestamptz(m[1]::int, m[2]::int, 1, coalesce(m[4], '0')::int, coalesce(m[5], '0')::int, 0, 'UTC')
         + (coalesce(m[6], '0')::numeric * interval '1 second')
         + ((m[3]::int - 1) * interval '1 day')
         - CASE WHEN m[7] IS NULL OR m[7] = 'Z' THEN interval '0'
                ELSE (CASE WHEN left(m[7], 1) = '-' THEN -1 ELSE 1 END)
                     * (substr(replace(m[7], ':', ''), 2, 2)::int * interval '1 hour'
                        + substr(replace(m[7], ':', ''), 4, 2)::int * interval '1 minute')
           END;
END
$$;
