"""`python -m hiring.site.createdb`: create the PostgreSQL database DATABASE_URL names, if missing.

`make serve` runs it before migrating, so a new machine needs no manual `createdb`.
"""

import os
import sys

import dj_database_url


def main() -> int:
    config = dj_database_url.parse(os.environ.get("DATABASE_URL", ""))
    if "postgresql" not in config.get("ENGINE", ""):
        return 0
    import psycopg
    from psycopg import sql

    name = config["NAME"]
    params = {
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    try:
        with psycopg.connect(**{k: v for k, v in params.items() if v is not None}) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                print(f"Created database {name}.")
    except psycopg.OperationalError as exc:
        print(f"Cannot reach PostgreSQL for {name}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
