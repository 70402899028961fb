"""Build a rules Catalog straight from fixtures/catalog.json, without Django.

The Django selector does the same from the database; this lets the pure tests run the
engine against the real catalog the app ships.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from hiring.rules.snapshot import (
    Catalog,
    CatalogResponsibility,
    CatalogSkill,
    Emphasis,
    LevelInfo,
    RoleProfile,
    SalaryReference,
)

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "catalog.json"


def catalog_from_fixture(data: Mapping[str, Any]) -> Catalog:
    emphasis: dict[str, dict[str, Emphasis]] = {}
    for row in data.get("emphases", []):
        level = Emphasis.from_name(row["level"])
        if level > Emphasis.NONE:
            emphasis.setdefault(row["role_family"], {})[row["skill"]] = level
    return Catalog(
        skills={
            s["slug"]: CatalogSkill(
                slug=s["slug"],
                name=s["name"],
                category=s["category"],
                aliases=tuple(s.get("aliases", ())),
                first_release_year=s.get("first_release_year"),
            )
            for s in data["skills"]
        },
        roles={
            r["slug"]: RoleProfile(
                slug=r["slug"],
                name=r["name"],
                short_name=r.get("short_name", r["name"]),
                emphasis=emphasis.get(r["slug"], {}),
            )
            for r in data["role_families"]
        },
        levels={
            lv["slug"]: LevelInfo(
                slug=lv["slug"],
                name=lv["name"],
                role_family=lv["role_family"],
                rank=lv["rank"],
                min_years=lv.get("min_years"),
                max_years=lv.get("max_years"),
            )
            for lv in data.get("levels", [])
        },
        salary_bands=tuple(
            SalaryReference(
                role_family=b["role_family"],
                level=b.get("level"),
                region=b["region"],
                currency=b["currency"],
                period=b["period"],
                min_amount=b["min_amount"],
                max_amount=b["max_amount"],
                top_of_band=b.get("top_of_band"),
                year=b["year"],
                source=b["source"],
            )
            for b in data.get("salary_bands", [])
        ),
        responsibilities={
            r["slug"]: CatalogResponsibility(
                slug=r["slug"],
                text=r["text"],
                skills=tuple(r.get("skills", ())),
                core_for=tuple(r.get("core_for", ())),
            )
            for r in data.get("responsibilities", [])
        },
    )


def load_catalog(path: Path = FIXTURE) -> Catalog:
    return catalog_from_fixture(json.loads(path.read_text("utf-8")))
