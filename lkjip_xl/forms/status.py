"""Who has sent their form, when, whether it was valid, and who is still missing.

The Kiriman sheet decides completeness (a unit is ``lengkap`` when Kiriman holds a
valid row for every indicator asked of it); the journal adds when forms were sent
and the latest import attempt of each unit (including refused ones, which never
reach Kiriman).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal
from zoneinfo import ZoneInfo

from lkjip_xl.forms import spec

if TYPE_CHECKING:
    from lkjip_xl.domain.profile import Profile

UnitState = Literal["lengkap", "sebagian", "ditolak", "belum", "perlu_dicek"]

EV_SENT = "formulir_dikirim"
EV_FORM = "impor_formulir"

LABELS: dict[str, str] = {
    "lengkap": "Lengkap",
    "sebagian": "Sebagian",
    "ditolak": "Ditolak",
    "belum": "Belum mengirim",
    "perlu_dicek": "Perlu dicek",
}
NO_STATUS_CHANGE = ("dilewati", "versi_lama")
"""Import outcomes that leave a unit's status as it was (not a form, or an older version)."""


@dataclass
class UnitStatus:
    kode: str
    nama: str
    email: str
    indikator: int
    status: UnitState = "belum"
    baris_valid: int = 0
    kurang: list[str] = field(default_factory=list)
    """Kodes still without a valid row."""
    diterima: dt.datetime | None = None
    """When the unit's rows in Kiriman were received."""
    file: str = ""
    impor_terakhir: dt.datetime | None = None
    status_impor_terakhir: str = ""
    masalah_terakhir: list[str] = field(default_factory=list)
    dikirim: dt.datetime | None = None
    """When the form was last e-mailed (draft written or sent)."""
    cara_kirim: str = ""
    terlambat: bool = False
    """Quarter forms: received after the deadline, or still missing once it has passed."""

    @property
    def valid(self) -> bool:
        return self.status == "lengkap"

    def as_json(self) -> dict[str, Any]:
        def iso(t: dt.datetime | None) -> str | None:
            return t.isoformat(timespec="minutes") if t else None

        return {
            "kode": self.kode,
            "nama": self.nama,
            "email": self.email,
            "indikator": self.indikator,
            "status": self.status,
            "valid": self.valid,
            "baris_valid": self.baris_valid,
            "kurang": self.kurang,
            "diterima": iso(self.diterima),
            "file": self.file,
            "impor_terakhir": iso(self.impor_terakhir),
            "status_impor_terakhir": self.status_impor_terakhir,
            "masalah_terakhir": self.masalah_terakhir,
            "dikirim": iso(self.dikirim),
            "cara_kirim": self.cara_kirim,
            "terlambat": self.terlambat,
        }


def _local(value: Any, zone: ZoneInfo) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        t = value
    elif isinstance(value, str) and value:
        try:
            t = dt.datetime.fromisoformat(value)
        except ValueError:
            return None
    else:
        return None
    if t.tzinfo is not None:
        t = t.astimezone(zone).replace(tzinfo=None)
    return t.replace(second=0, microsecond=0)


def compute(
    profile: Profile,
    assigned: dict[str, list[spec.Indicator]],
    kiriman: list[dict[str, Any]],
    events: list[dict[str, Any]],
    batas: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> list[UnitStatus]:
    """The status of every unit that has a form, in the profile's unit order.

    ``batas`` (quarter forms): the deadline; a unit whose complete data came in after it, or
    that is still incomplete when ``now`` is past it, is ``terlambat``.
    """
    zone = ZoneInfo(profile.jam_kerja.zona)
    out: list[UnitStatus] = []
    for unit in profile.unit:
        wanted = assigned.get(unit.kode)
        if not wanted:
            continue
        st = UnitStatus(unit.kode, unit.nama, unit.email, len(wanted))
        rows = [
            r
            for r in kiriman
            if r.get("unit") == unit.nama and str(r.get("status") or "Valid") == "Valid"
        ]
        have = {str(r.get("kode")) for r in rows if r.get("realisasi") is not None}
        st.kurang = [i.kode for i in wanted if i.kode not in have]
        st.baris_valid = len([i for i in wanted if i.kode in have])
        if rows:
            latest = max(rows, key=lambda r: _local(r.get("diterima"), zone) or dt.datetime.min)
            st.diterima = _local(latest.get("diterima"), zone)
            st.file = str(latest.get("file") or "")
        for ev in events:
            if (
                ev.get("jenis") == EV_FORM
                and ev.get("unit") == unit.kode
                and ev.get("status") not in NO_STATUS_CHANGE
            ):
                st.impor_terakhir = _local(ev.get("waktu"), zone)
                st.status_impor_terakhir = str(ev.get("status") or "")
                st.masalah_terakhir = [
                    _problem_text(e) for e in ev.get("errors") or [] if isinstance(e, dict)
                ]
            elif ev.get("jenis") == EV_SENT and ev.get("unit") == unit.kode:
                st.dikirim = _local(ev.get("waktu"), zone)
                st.cara_kirim = str(ev.get("cara") or "")
        if not st.kurang:
            st.status = "lengkap"
        elif st.baris_valid:
            st.status = "sebagian"
        elif st.status_impor_terakhir:
            st.status = "ditolak"
        if batas is not None:
            due = _local(batas, zone)
            current = _local(now, zone) if now is not None else None
            if due is not None:
                if st.kurang:
                    st.terlambat = current is not None and current > due
                else:
                    st.terlambat = st.diterima is not None and st.diterima > due
        if st.status_impor_terakhir == "perlu_dicek":
            # A held form needs a decision before anything else (README: 'perlu_dicek').
            st.status = "perlu_dicek"
        out.append(st)
    return out


def _problem_text(e: dict[str, Any]) -> str:
    where = " ".join(p for p in (str(e.get("sheet") or ""), str(e.get("cell") or "")) if p)
    text = str(e.get("pesan") or "")
    return f"{where}: {text}" if where else text
