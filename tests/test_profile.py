"""The OPD profile: default, JSON round trip, Pengaturan round trip and messages."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from lkjip_xl.domain.profile import default_profile, load_profile, save_profile
from lkjip_xl.errors import LkjipError
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.profile_io import profile_from_tables, profile_to_tables


def _numbered(tables: dict[str, list[dict]]) -> dict[str, list[dict]]:
    for table in (S.PROFIL, S.PEJABAT, S.UNIT, S.LIBUR):
        for i, row in enumerate(tables[table.name]):
            row["_row"] = table.header_row + 1 + i
    return tables


def test_default_profile_is_wonoasih_with_six_kelurahan() -> None:
    p = default_profile()
    assert p.kode_unit == "425.503"
    assert len([u for u in p.unit if u.jenis == "kelurahan"]) == 6
    assert p.due_date() == dt.date(2026, 2, 28)
    assert default_profile(2027).due_date() == dt.date(2028, 2, 29)


def test_json_round_trip(tmp_path: Path) -> None:
    p = default_profile()
    save_profile(p, tmp_path / "p.json")
    assert load_profile(tmp_path / "p.json") == p


def test_bad_json_profile_names_the_field(tmp_path: Path) -> None:
    raw = json.loads(default_profile().model_dump_json())
    raw["tahun"] = 1800
    (tmp_path / "p.json").write_text(json.dumps(raw))
    with pytest.raises(LkjipError) as err:
        load_profile(tmp_path / "p.json")
    assert "tahun" in str(err.value)


def test_pengaturan_round_trip_with_holidays_and_settings() -> None:
    p = default_profile().model_copy(deep=True)
    p.jam_kerja.libur_tambahan = [dt.date(2025, 12, 24)]
    p.aturan.ikm_bobot = "0.111"
    p.jam_kerja.hari_kerja = [0, 1, 2, 3, 4, 5]
    # the starting narratives go to the Narasi sheet when a workbook is built, not Pengaturan
    p.narasi = {}
    assert profile_from_tables(_numbered(profile_to_tables(p))) == p


def test_unknown_key_in_pengaturan_names_the_cell() -> None:
    tables = profile_to_tables(default_profile())
    tables[S.PROFIL.name].append({"kunci": "warna_favorit", "nilai": "biru"})
    with pytest.raises(LkjipError) as err:
        profile_from_tables(_numbered(tables), source="LKjIP.xlsm")
    row = S.PROFIL.header_row + len(tables[S.PROFIL.name])
    assert f"sel A{row}" in str(err.value) and "warna_favorit" in str(err.value)


def test_option_values_are_shown_as_indonesian_labels_and_read_back_as_codes() -> None:
    from lkjip_xl.workbook.profile_io import OPTION_LABELS

    p = default_profile().model_copy(deep=True)
    p.aturan.ikm_gabungan = "mean"
    p.surel.smtp_keamanan = "starttls"
    p.narasi = {}  # starting narratives go to the Narasi sheet, not Pengaturan
    tables = profile_to_tables(p)
    shown = {r["kunci"]: r["nilai"] for r in tables[S.PROFIL.name]}
    assert shown["ikm_bobot"] == "Tepat (1/jumlah unsur)"
    assert shown["ikm_gabungan"] == "Rata-rata indeks unit"
    assert shown["smtp_keamanan"] == "STARTTLS"
    notes = {r["kunci"]: r["keterangan"] for r in tables[S.PROFIL.name]}
    assert notes["opd_singkat"].startswith("Nama singkat OPD: ")
    # Every shown value is a label, never an engine code.
    for key, labels in OPTION_LABELS.items():
        assert shown[key] in labels.values()
    assert profile_from_tables(_numbered(tables)) == p
    # Older workbooks hold the codes: still read.
    for row in tables[S.PROFIL.name]:
        if row["kunci"] in OPTION_LABELS:
            row["nilai"] = {"ikm_bobot": "0.111", "ikm_gabungan": "pooled"}.get(row["kunci"], "ssl")
    old = profile_from_tables(_numbered(tables))
    assert (old.aturan.ikm_bobot, old.aturan.ikm_gabungan) == ("0.111", "pooled")
    assert old.surel.smtp_keamanan == "ssl"
    # Labels typed with other capitals or spaces are read too.
    for row in tables[S.PROFIL.name]:
        if row["kunci"] == "ikm_gabungan":
            row["nilai"] = "  gabungan   RESPONDEN "
    assert profile_from_tables(_numbered(tables)).aturan.ikm_gabungan == "pooled"


def test_roles_are_shown_as_labels_and_old_codes_still_read() -> None:
    profile = default_profile().model_copy(update={"narasi": {}})  # narratives: Narasi sheet
    tables = profile_to_tables(profile)
    assert [r["peran"] for r in tables[S.PEJABAT.name]] == ["Camat", "Sekcam", "Kasubbag", "Staf"]
    assert {r["peran"] for r in tables[S.PEJABAT.name]} <= set(S.PEJABAT.column("peran").choices)
    assert profile_from_tables(_numbered(tables)) == profile
    tables[S.PEJABAT.name][0]["peran"] = "camat"  # a workbook from before the labels
    tables[S.PEJABAT.name][2]["peran"] = " KASUBBAG "
    assert profile_from_tables(_numbered(tables)) == profile
