"""Render the Word documents from the docxtpl templates.

Rendering is strict: ``autoescape=True`` (an ``&`` or ``<`` in a name stays text instead of
corrupting the XML) and :class:`jinja2.StrictUndefined` (a tag the context lacks is an
error, never a silent blank).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lkjip_xl.domain import ikm as ikm_engine
from lkjip_xl.domain import sakip as sakip_engine
from lkjip_xl.domain.kinerja import group_by_sasaran
from lkjip_xl.domain.numbers import round_half_up
from lkjip_xl.errors import LkjipError
from lkjip_xl.report import charts, fmt, narrative, orgchart, pk_table, sections
from lkjip_xl.report.chartcache import ChartCache
from lkjip_xl.report.context import TAHAP_LABEL, IndicatorRow, ReportData

if TYPE_CHECKING:
    from docxtpl import DocxTemplate

__all__ = ["BELUM_ADA_DATA", "render_report", "render_template", "report_context"]

BELUM_ADA_DATA = "belum ada data"

Context = dict[str, Any] | Callable[["DocxTemplate"], dict[str, Any]]


def _prepared_template(template: Path, folder: Path | None) -> tuple[Any, Any]:
    """``(DocxTemplate, jinja2.Environment)``; with ``folder``, both keep their work there.

    docxtpl cleans the template's XML (``patch_xml``) and jinja compiles the result on every
    render; for an unchanged template both give the same result, so it is kept in ``folder``
    by a digest of its input (and of the library versions) and read back next time."""
    import contextlib
    import hashlib
    import marshal
    import sys
    import types
    from importlib import metadata

    import jinja2
    from docxtpl import DocxTemplate

    from lkjip_xl.report.chartcache import FileCache

    if folder is None:
        return DocxTemplate(str(template)), jinja2.Environment(
            undefined=jinja2.StrictUndefined, autoescape=True
        )
    files = FileCache(folder, keep=40, checked=True)
    # "2": files carry their SHA-256 (an entry of another format never has the same name)
    salt = "|".join(
        ("2", sys.implementation.cache_tag or "", metadata.version("docxtpl"), jinja2.__version__)
    )

    def key(kind: str, text: str, extra: str = "") -> str:
        h = hashlib.sha256(f"{kind}|{salt}|{extra}|".encode())
        h.update(text.encode("utf-8", "surrogatepass"))
        return f"{kind}-{h.hexdigest()[:40]}"

    class Template(DocxTemplate):  # type: ignore[misc]
        def patch_xml(self, src_xml: str) -> str:
            name = key("xml", src_xml)
            kept = files.get(name)
            if kept is not None:
                return kept.decode("utf-8", "surrogatepass")
            out = str(super().patch_xml(src_xml))
            files.put(name, out.encode("utf-8", "surrogatepass"))
            return out

    class Environment(jinja2.Environment):
        def compile(  # type: ignore[override]
            self,
            source: str | Any,
            name: str | None = None,
            filename: str | None = None,
            raw: bool = False,
            defer_init: bool = False,
        ) -> Any:
            if not isinstance(source, str) or name or filename or raw or defer_init:
                return super().compile(source, name, filename, raw, defer_init)
            kname = key("jinja", source, repr(self.autoescape))
            kept = files.get(kname)
            if kept is not None:
                with contextlib.suppress(EOFError, ValueError, TypeError):
                    code = marshal.loads(kept)
                    if isinstance(code, types.CodeType):
                        return code
            code = super().compile(source)
            files.put(kname, marshal.dumps(code))
            return code

    return Template(str(template)), Environment(undefined=jinja2.StrictUndefined, autoescape=True)


def render_template(
    template: Path,
    context: Context,
    out: Path,
    *,
    finish: Callable[[Any], object] | None = None,
    cache: Path | None = None,
) -> Path:
    """Render ``template`` with ``context`` (or ``context(tpl)``) into ``out``.

    ``finish`` is given the rendered python-docx ``Document`` before it is saved (once);
    ``cache`` is a folder where the template's preparation is kept for the next render."""
    import jinja2

    if not Path(template).exists():
        raise LkjipError(
            f"Template Word tidak ditemukan: {template}. Buat ulang dengan "
            "'python -m lkjip_xl.report.templates'."
        )
    tpl, env = _prepared_template(Path(template), cache)
    ctx = context(tpl) if callable(context) else context
    try:
        tpl.render(ctx, jinja_env=env, autoescape=True)
    except jinja2.UndefinedError as exc:
        raise LkjipError(
            f"Template {Path(template).name} memakai isian yang tidak dikenal ({exc.message}). "
            "Periksa tag {{ … }} yang diubah di template, atau buat ulang template."
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        raise LkjipError(
            f"Tag di template {Path(template).name} rusak ({exc.message}). Pastikan setiap tag "
            "{{ … }} dan {% … %} ditulis utuh, atau buat ulang template."
        ) from None
    if finish is not None:
        finish(tpl.docx)
    out.parent.mkdir(parents=True, exist_ok=True)
    tpl.save(str(out))
    return out


# -- formatting helpers ------------------------------------------------------------------------


def _signed(x: float, nd: int) -> str:
    if round_half_up(x, nd) == 0:
        return fmt.angka(0, nd)
    return ("+" if x > 0 else "\u2212") + fmt.angka(abs(x), nd)


def _indicator_row(r: IndicatorRow) -> dict[str, Any]:
    nd = r.desimal
    real = fmt.angka(r.realisasi, nd, kosong=BELUM_ADA_DATA)
    change = "-"
    if r.realisasi is not None and r.realisasi_n1 is not None:
        change = _signed(round_half_up(r.realisasi, nd) - round_half_up(r.realisasi_n1, nd), nd)
    return {
        "no": r.no,
        "kode": r.kode,
        "sasaran": r.sasaran,
        "indikator": r.indikator,
        "satuan": r.satuan,
        "target": fmt.angka(r.target, nd),
        "realisasi": real,
        "capaian": fmt.persen(r.capaian),
        "kategori": r.kategori or "-",
        "renstra": fmt.angka(r.target_renstra, nd),
        "n1": fmt.angka(r.realisasi_n1, nd),
        "n2": fmt.angka(r.realisasi_n2, nd),
        "perubahan": change,
        "capaian_renstra": fmt.persen(r.capaian_renstra),
        "penanggung_jawab": r.penanggung_jawab,
        "target_satuan": _with_unit(fmt.angka(r.target, nd), r.satuan),
        "realisasi_satuan": _with_unit(real, r.satuan) if r.realisasi is not None else real,
    }


def tren_triwulan_rows(indikator: list[IndicatorRow]) -> list[dict[str, Any]]:
    """Bab III's quarterly trend: per indicator with quarter data two rows (Target, Realisasi)
    of triwulan I–IV (each quarter's own figure, as the Rencana Aksi sets its target), with
    the rule that makes the year's figure; [] when no indicator has quarter data."""
    out: list[dict[str, Any]] = []
    shown = [r for r in indikator if r.ada_triwulan]
    for no, r in enumerate(shown, start=1):
        for awal, uraian, values in (
            (True, "Target", r.target_triwulan),
            (False, "Realisasi", r.realisasi_triwulan),
        ):
            tw = (list(values) + [None] * 4)[:4]
            decimals = 0 if all(v is None or float(v).is_integer() for v in tw) else 2
            out.append(
                {
                    "no": no,
                    "kode": r.kode,
                    "indikator": r.indikator,
                    "satuan": r.satuan,
                    "aturan": r.aturan_triwulan or "-",
                    "uraian": uraian,
                    "tw": [fmt.angka(v, decimals) for v in tw],
                    "awal": awal,
                }
            )
    return out


def _with_unit(text: str, satuan: str) -> str:
    """``("95,00", "%") → "95,00%"``, ``("4", "kasus") → "4 kasus"``; a bare score stays bare."""
    unit = satuan.strip()
    if text == "-" or not unit or unit.casefold() in ("nilai", "indeks", "skor"):
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def _group_sasaran(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One block per sasaran (indicators grouped, renumbered in table order); ``sasaran_grup``
    holds the sasaran on each block's first row, else blank (the merged cell's flag)."""
    previous = None
    grouped = group_by_sasaran(rows, lambda row: str(row["sasaran"]))
    for no, row in enumerate(grouped, start=1):
        key = str(row["sasaran"]).casefold()
        row["no"] = no
        row["sasaran_grup"] = row["sasaran"] if key != previous else ""
        previous = key
    return grouped


def _placeholder(keys: list[str], text_key: str, text: str) -> list[dict[str, Any]]:
    row: dict[str, Any] = dict.fromkeys(keys, "-")
    row[text_key] = text
    row["no"] = ""
    return [row]


_INDICATOR_KEYS = list(
    _indicator_row(
        IndicatorRow(
            no=0,
            kode="",
            sasaran="",
            indikator="",
            satuan="",
            jenis="",
            polaritas="naik",
            penanggung_jawab="",
            target=None,
            realisasi=None,
        )
    )
)


_LAMPIRAN_KEYS = ("sasaran", "sasaran_grup", "indikator", "target", "satuan", "penanggung_jawab")


def _aturan_rows(data: ReportData) -> list[dict[str, str]]:
    a = data.profile.aturan
    n = len(ikm_engine.unsur_codes(a.ikm_regulasi))
    edges = "A ≥ 88,31; B ≥ 76,61; C ≥ 65,00; D di bawahnya"
    if a.ikm_regulasi == "2004":
        edges = "A ≥ 81,26; B ≥ 62,51; C ≥ 43,76; D di bawahnya"
    return [
        {
            "aturan": "Regulasi IKM",
            "pilihan": f"{ikm_engine.REGULASI_LABEL[a.ikm_regulasi]} ({n} unsur)",
        },
        {
            "aturan": "Bobot unsur IKM",
            "pilihan": f"1/{n} (tepat)" if a.ikm_bobot == "exact" else "0,111 (dibulatkan)",
        },
        {
            "aturan": "IKM keseluruhan",
            "pilihan": "gabungan seluruh responden"
            if a.ikm_gabungan == "pooled"
            else "rata-rata IKM unit layanan",
        },
        {
            "aturan": "Mutu pelayanan",
            "pilihan": f"dari IKM yang dibulatkan 2 desimal: {edges}",
        },
        {
            "aturan": "Capaian indikator turun",
            "pilihan": "(2 × target − realisasi) ÷ target × 100%, paling rendah 0%"
            if a.capaian_turun == "selisih"
            else "target ÷ realisasi × 100%",
        },
        {
            "aturan": "Batas atas capaian",
            "pilihan": "tidak dibatasi"
            if a.capaian_batas_atas is None
            else fmt.persen(a.capaian_batas_atas),
        },
        {
            "aturan": "Kategori capaian",
            "pilihan": "Permendagri 86/2017: ≥ 91 Sangat Tinggi; 76 sampai < 91 Tinggi; 66 "
            "sampai < 76 Sedang; 51 sampai < 66 Rendah; < 51 Sangat Rendah",
        },
        {
            "aturan": "Skema Nilai SAKIP",
            "pilihan": f"{sakip_engine.SKEMA_LABEL[a.sakip_skema]} (nilai tiap tahun menurut "
            "skema yang dipakai pada LHE tahun itu)",
        },
        {
            "aturan": "Pembulatan",
            "pilihan": "dua desimal, angka 5 dibulatkan menjauhi nol; kategori "
            "ditentukan dari angka yang ditampilkan",
        },
        {
            "aturan": "Sumber realisasi",
            "pilihan": "Realisasi Koreksi Kasubbag yang beralasan; IKM dari olah data SKM; "
            "Nilai SAKIP dari LHE SAKIP; realisasi tahun menurut pemantauan triwulan (aturan "
            "Rencana Aksi: Kumulatif = jumlah TW I–IV bila keempatnya ada, Nilai Terakhir dan "
            "Tahunan = TW IV); selain itu data unit kerja yang telah divalidasi",
        },
    ]


def _ikm_parts(data: ReportData) -> dict[str, Any]:
    i = data.ikm
    if i is None:
        return {
            "ikm_unsur_rows": _placeholder(
                ["kode", "unsur", "jawaban", "nrr", "tertimbang"], "unsur", "Belum ada data SKM"
            ),
            "ikm_unit_rows": _placeholder(
                ["unit", "responden", "indeks", "ikm", "mutu", "kinerja"],
                "unit",
                "Belum ada data SKM",
            ),
            "ikm": {
                "label_indeks": "Indeks (jumlah NRR tertimbang)",
                "label_total": "Keseluruhan",
                "indeks": "-",
                "ikm": "-",
                "mutu": "-",
                "kinerja": "-",
                "responden": "-",
            },
        }
    names = ikm_engine.UNSUR_2004 if i.regulasi == "2004" else ikm_engine.UNSUR_2017
    return {
        "ikm_unsur_rows": [
            {
                "kode": code,
                "unsur": names.get(code, code),
                "jawaban": fmt.angka(i.responden - i.kosong.get(code, 0), 0),
                "nrr": fmt.angka(i.nrr[code]),
                "tertimbang": fmt.angka(i.nrr_tertimbang[code], 3),
            }
            for code in i.nrr
        ],
        "ikm_unit_rows": [
            {
                "no": k,
                "unit": name
                + (
                    f" (hasil olahan{': ' + i.olahan[name] if i.olahan[name] else ''})"
                    if name in i.olahan
                    else ""
                ),
                "responden": fmt.angka(u.responden, 0) if u.responden else "-",
                "indeks": fmt.angka(u.indeks, 3),
                "ikm": fmt.angka(u.ikm),
                "mutu": u.mutu,
                "kinerja": u.kinerja,
            }
            for k, (name, u) in enumerate(i.per_unit.items(), start=1)
        ]
        or _placeholder(
            ["unit", "responden", "indeks", "ikm", "mutu", "kinerja"], "unit", "Tanpa unit"
        ),
        "ikm": {
            "label_indeks": "Indeks (jumlah NRR tertimbang)",
            "label_total": "Keseluruhan"
            + (" (rata-rata unit)" if i.gabungan == "mean" else " (gabungan responden)"),
            "indeks": fmt.angka(i.indeks, 3),
            "ikm": fmt.angka(i.ikm),
            "mutu": i.mutu,
            "kinerja": i.kinerja,
            "responden": fmt.angka(i.responden, 0),
        },
    }


def _sakip_rows(data: ReportData) -> list[dict[str, Any]]:
    if not data.sakip:
        return _placeholder(
            [
                "tahun",
                "perencanaan",
                "pengukuran",
                "pelaporan",
                "evaluasi",
                "capaian",
                "nilai",
                "predikat",
            ],
            "tahun",
            "Belum ada data",
        )
    return [
        {
            "tahun": s.tahun,
            **{
                k: fmt.angka(s.komponen.get(k))
                for k in ("perencanaan", "pengukuran", "pelaporan", "evaluasi", "capaian")
            },
            "nilai": fmt.angka(s.nilai),
            "predikat": _predikat(s.predikat, s.interpretasi),
        }
        for s in data.sakip
    ]


def _predikat(grade: str, meaning: str) -> str:
    """``("CC", "Cukup (Memadai)") → "CC (Cukup/Memadai)"`` (no nested brackets in a cell)."""
    if not grade:
        return "-"
    inner = meaning.replace(" (", "/").replace(")", "")
    return f"{grade} ({inner})" if inner else grade


def _anggaran_parts(data: ReportData) -> dict[str, Any]:
    rows = [
        {
            "no": k,
            "kode": r.kode or str(k),
            "nama": r.nama if r.tingkat in ("Program", "") else f"\u2013 {r.nama}",
            "pagu": fmt.angka(r.pagu, 0),
            "realisasi": fmt.angka(r.realisasi, 0),
            "serapan": fmt.persen(r.serapan),
        }
        for k, r in enumerate(data.anggaran, start=1)
    ]
    pagu, real, serapan = data.budget_total
    has_programs = any(r.tingkat == "Program" for r in data.anggaran)
    return {
        "anggaran_rows": rows
        or _placeholder(["kode", "nama", "pagu", "realisasi", "serapan"], "nama", "Belum ada data"),
        "anggaran": {
            "label": "Jumlah (seluruh program)" if has_programs else "Jumlah",
            "pagu": fmt.angka(pagu, 0),
            "realisasi": fmt.angka(real, 0),
            "serapan": fmt.persen(serapan),
        },
    }


def _efisiensi_rows(data: ReportData) -> list[dict[str, Any]]:
    """Per sasaran: capaian against the absorption of its linked budget; then one row for the
    programmes linked to no sasaran (listed, never dropped)."""
    e = data.efisiensi
    rows = []
    for s in e.sasaran if e is not None else []:
        rows.append(
            {
                "no": s.no,
                "sasaran": s.sasaran,
                "program": "; ".join(s.program) or "Belum ada program yang dihubungkan",
                "capaian": fmt.persen(s.capaian, kosong=BELUM_ADA_DATA),
                "realisasi": fmt.angka(s.realisasi, 0),
                "serapan": fmt.persen(s.serapan),
                "efisiensi": narrative.efisiensi_label(s.selisih),
            }
        )
    if e is not None and e.belum_terhubung:
        pagu = [p.pagu for p in e.belum_terhubung if p.pagu is not None]
        real = [p.realisasi for p in e.belum_terhubung if p.realisasi is not None]
        total_pagu = sum(pagu) if pagu else None
        total_real = sum(real) if real else None
        rows.append(
            {
                "no": "",
                "sasaran": "Belum dihubungkan ke sasaran",
                "program": "; ".join(p.nama for p in e.belum_terhubung),
                "capaian": "-",
                "realisasi": fmt.angka(total_real, 0),
                "serapan": fmt.persen(
                    total_real / total_pagu * 100 if total_pagu and total_real is not None else None
                ),
                "efisiensi": "-",
            }
        )
    return rows or _placeholder(
        ["sasaran", "program", "capaian", "realisasi", "serapan", "efisiensi"],
        "sasaran",
        "Belum ada sasaran",
    )


def _standar_rows(data: ReportData) -> list[dict[str, Any]]:
    """Indicators with a national/provincial standard entered in Format Data."""
    rows = []
    for r in data.indikator:
        if r.standar is None:
            continue
        nd = 0 if r.desimal == 0 and float(r.standar).is_integer() else 2
        reading = r.banding_standar
        rows.append(
            {
                "no": len(rows) + 1,
                "indikator": r.indikator,
                "satuan": r.satuan,
                "realisasi": fmt.angka(r.realisasi, max(nd, r.desimal), kosong=BELUM_ADA_DATA),
                "standar": fmt.angka(r.standar, max(nd, r.desimal)),
                "sumber": (r.standar_sumber[:1].upper() + r.standar_sumber[1:]) or "-",
                "keterangan": {
                    "lebih baik": "Lebih baik dari standar",
                    "sama": "Sama dengan standar",
                    "lebih buruk": "Belum memenuhi standar",
                }.get(reading or "", "-"),
            }
        )
    return rows or _placeholder(
        ["indikator", "satuan", "realisasi", "standar", "sumber", "keterangan"],
        "indikator",
        "Belum ada indikator dengan standar pembanding",
    )


def _lhe_rows(data: ReportData) -> list[dict[str, Any]]:
    rows = [
        {
            "no": k,
            "tahun": str(r.tahun) if r.tahun is not None else "-",
            "rekomendasi": r.rekomendasi,
            "tindak_lanjut": r.tindak_lanjut or "-",
            "status": r.status or "-",
            "bukti": r.bukti or "-",
        }
        for k, r in enumerate(data.tindak_lanjut_lhe, start=1)
    ]
    return rows or _placeholder(
        ["tahun", "rekomendasi", "tindak_lanjut", "status", "bukti"],
        "rekomendasi",
        "Belum ada rekomendasi yang dicatat",
    )


def _pelaksana(data: ReportData, no: Any, label: str) -> str:
    """The pelaksana of SOP step ``no`` by the official's title in the profile (one name for
    each office throughout the document), else the role's label."""
    p = data.profile
    try:
        role = p.pelaksana_sop[int(no) - 1]
        jabatan = p.official(role).jabatan
    except (LkjipError, ValueError, TypeError, IndexError):
        return label
    return jabatan + (" (+ Staf)" if "(+ Staf)" in label else "")


def _tahapan_rows(data: ReportData) -> list[dict[str, Any]]:
    rows = [
        {
            "no": r.get("no", ""),
            "aktivitas": r.get("langkah", ""),
            "pelaksana": _pelaksana(data, r.get("no"), str(r.get("pelaksana", ""))),
            "mutu_baku": r.get("mutu_baku", ""),
            "mulai": r.get("mulai") or "-",
            "selesai": r.get("selesai") or "-",
            "durasi": r.get("realisasi") or "-",
            "status": r.get("status") or "-",
        }
        for r in data.pemantauan
    ]
    return rows or _placeholder(
        ["aktivitas", "pelaksana", "mutu_baku", "mulai", "selesai", "durasi", "status"],
        "aktivitas",
        "Belum ada catatan tahapan",
    )


def _label(r: IndicatorRow) -> str:
    """A chart label: the kode, then the indicator on at most two short lines."""
    import textwrap

    lines = textwrap.wrap(r.indikator, 34)
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), 34, placeholder="…")]
    head = f"{r.kode} " if r.kode else f"{r.no}. "
    return head + "\n".join(lines)


def _chart_images(data: ReportData, tpl: DocxTemplate, cache: ChartCache) -> dict[str, Any]:
    """Every chart of the report; each drawn only when ``cache`` lacks its data's image."""
    from docx.shared import Cm
    from docxtpl import InlineImage

    def image(png: bytes, width: float) -> InlineImage:
        return InlineImage(tpl, io.BytesIO(png), width=Cm(width))

    def chart(fn: Callable[..., bytes], *args: Any, **kwargs: Any) -> bytes:
        spec = {"args": args, "kwargs": kwargs}
        return cache.png(fn.__name__, spec, lambda: fn(*args, **kwargs))

    out: dict[str, Any] = {}
    struktur = orgchart.structure(data.profile)
    out["bagan_organisasi"] = image(
        cache.png("bagan_organisasi", struktur.spec(), lambda: orgchart.draw(struktur)), 15.0
    )
    rows = data.indikator
    if rows:
        out["grafik_capaian"] = image(
            chart(
                charts.capaian_bars,
                [_label(r) for r in rows],
                [r.capaian for r in rows],
            ),
            15.0,
        )
    else:
        out["grafik_capaian"] = "(Grafik belum dapat dibuat: belum ada indikator.)"
    i = data.ikm
    if i is not None:
        names = ikm_engine.UNSUR_2004 if i.regulasi == "2004" else ikm_engine.UNSUR_2017
        out["grafik_ikm_unsur"] = image(
            chart(
                charts.ikm_unsur_bars,
                [f"{c} {names.get(c, c)}" for c in i.nrr],
                list(i.nrr.values()),
            ),
            15.0,
        )
    else:
        out["grafik_ikm_unsur"] = "(Grafik belum dapat dibuat: belum ada data SKM.)"
    ikm_row = data.ikm_indicator
    sakip = [s for s in data.sakip if s.nilai is not None]
    if len(data.ikm_riwayat) >= 2:
        years = sorted(data.ikm_riwayat)
        out["judul_grafik_tren"] = f"Perkembangan IKM Tahun {years[0]}\u2013{years[-1]}"
        out["grafik_tren"] = image(
            chart(
                charts.bar_trend,
                years,
                [data.ikm_riwayat[y] for y in years],
                ylabel="IKM (nilai konversi)",
                target=ikm_row.target if ikm_row else None,
            ),
            13.0,
        )
    elif sakip:
        years = [s.tahun for s in sakip]
        out["judul_grafik_tren"] = f"Perkembangan Nilai SAKIP Tahun {years[0]}\u2013{years[-1]}"
        out["grafik_tren"] = image(
            chart(
                charts.bar_trend,
                years,
                [s.nilai or 0.0 for s in sakip],
                ylabel="Nilai SAKIP",
                labels=[f"{fmt.angka(s.nilai)} ({s.predikat})" for s in sakip],
            ),
            13.0,
        )
    else:
        out["judul_grafik_tren"] = "Perkembangan IKM dan Nilai SAKIP"
        out["grafik_tren"] = "(Grafik belum dapat dibuat: belum ada data tahun sebelumnya.)"
    # the SOP timeline is drawn only for a version that shows it
    out["grafik_tahapan"] = (
        _timeline_image(data, tpl, cache) if sections.shows_pemantauan(data) else ""
    )
    return out


def _timeline_image(data: ReportData, tpl: DocxTemplate, cache: ChartCache) -> Any:
    """The planned-vs-actual SOP chart of :mod:`lkjip_xl.report.timeline`.

    The clock enters its digest only while a step is running (its bar ends "now")."""
    if not data.pemantauan:
        return "(Linimasa belum dapat dibuat: tahapan SOP belum tercatat.)"
    import tempfile

    from docx.shared import Cm
    from docxtpl import InlineImage

    from lkjip_xl import clock
    from lkjip_xl.report.timeline import sop_report_for, timeline_chart

    now = clock.now(data.profile.jam_kerja.zona)
    running = any(
        s.mulai is not None and s.selesai is None
        for s in sop_report_for(data.jurnal, data.profile, now).steps
    )

    def draw() -> bytes:
        with tempfile.TemporaryDirectory(prefix="lkjip-linimasa-") as tmp:
            out = Path(tmp) / "tahapan.png"
            return timeline_chart(data.jurnal, data.profile, out, now=now).read_bytes()

    p = data.profile
    spec = {
        "events": list(data.jurnal),
        # what the chart reads of the profile (sop.report_for, timeline._render)
        "profile": p.model_dump(
            mode="json", include={"tahun", "opd", "jam_kerja", "pelaksana_sop"}
        ),
        "batas": p.due_date(),
        "now": now if running else None,
    }
    return InlineImage(tpl, io.BytesIO(cache.png("linimasa", spec, draw)), width=Cm(15.0))


def report_context(
    data: ReportData,
    tpl: DocxTemplate,
    *,
    logo: Path | None = None,
    cache: ChartCache | None = None,
) -> dict[str, Any]:
    """Everything the LKjIP template asks for, formatted for reading.

    Charts come from ``cache`` when their data did not change (none given: all are drawn).
    """
    p = data.profile
    camat = p.official("camat")
    intro_p, items_p = narrative.permasalahan(data)
    intro_a, items_a = narrative.narasi_analisis(data)
    intro_pr, items_pr = narrative.narasi_program(data)
    intro_t, items_t = narrative.tindak_lanjut(data)
    rows = [_indicator_row(r) for r in data.indikator] or _placeholder(
        _INDICATOR_KEYS, "indikator", "Belum ada indikator kinerja"
    )
    sasaran_rows = _group_sasaran([_indicator_row(r) for r in data.indikator]) or _placeholder(
        [*_INDICATOR_KEYS, "sasaran_grup"], "indikator", "Belum ada indikator kinerja"
    )
    notes = [
        f"{r.kode or r.no}: {r.catatan}"
        for r in data.indikator
        if r.catatan and r.realisasi is not None
    ]
    logo_value: Any = ""
    if logo is not None:
        from docx.shared import Cm
        from docxtpl import InlineImage

        logo_value = InlineImage(tpl, str(logo), height=Cm(3.5))
    return {
        "tanda": TAHAP_LABEL[data.tahap],
        "opd": p.opd,
        "opd_upper": p.opd.upper(),
        "pemerintah": p.pemerintah,
        "pemerintah_upper": p.pemerintah.upper(),
        "tahun": data.tahun,
        "tahun_terbit": data.tanggal.year,
        "kota": p.kota,
        "alamat": p.alamat,
        "tanggal": fmt.tanggal(data.tanggal),
        "nomor_sop": f" ({p.nomor_sop})" if p.nomor_sop else "",
        "logo": logo_value,
        "camat": {
            "jabatan": camat.jabatan,
            "jabatan_upper": camat.jabatan.upper(),
            "nama": camat.nama,
            "pangkat": camat.pangkat,
            "nip": fmt.nip(camat.nip),
        },
        "perwali": {"dasar": narrative.perwali(p) + "."},
        "ikhtisar": narrative.ikhtisar(data),
        "gambaran": narrative.gambaran_umum(data),
        "unit_rows": [
            {
                "no": k,
                "nama": u.nama,
                "jenis": u.jenis.capitalize(),
                "pimpinan": " ".join(x for x in (u.pimpinan, u.nama_pimpinan) if x) or "-",
            }
            for k, u in enumerate(p.unit, start=1)
        ]
        or _placeholder(["nama", "jenis", "pimpinan"], "nama", "Belum ada unit"),
        "aspek_strategis": narrative.aspek_strategis(data),
        "permasalahan_pengantar": intro_p,
        "permasalahan": items_p,
        "indikator_rows": rows,
        "tren_triwulan_rows": tren_triwulan_rows(data.indikator),
        "indikator_sasaran_rows": sasaran_rows,
        "lampiran_rows": pk_table.lampiran_rows(data.indikator)
        or _placeholder(list(_LAMPIRAN_KEYS), "indikator", "Belum ada indikator kinerja"),
        "pk_pengantar": narrative.pk_pengantar(data),
        "anggaran_pengantar": narrative.anggaran_pengantar(data),
        "aturan_capaian": narrative.aturan_capaian(data),
        "skala_capaian": [
            {"rentang": "≥ 91", "kategori": "Sangat Tinggi"},
            {"rentang": "76 sampai < 91", "kategori": "Tinggi"},
            {"rentang": "66 sampai < 76", "kategori": "Sedang"},
            {"rentang": "51 sampai < 66", "kategori": "Rendah"},
            {"rentang": "< 51", "kategori": "Sangat Rendah"},
        ],
        "catatan_capaian": notes,
        "narasi_capaian": narrative.narasi_capaian(data),
        "narasi_tren": narrative.narasi_tren(data),
        "narasi_renstra": narrative.narasi_renstra(data),
        "narasi_standar": narrative.narasi_standar(data),
        "standar_rows": _standar_rows(data),
        "efisiensi_rows": _efisiensi_rows(data),
        "narasi_analisis_pengantar": intro_a,
        "narasi_analisis": items_a,
        "narasi_efisiensi": narrative.narasi_efisiensi(data),
        "narasi_program_pengantar": intro_pr,
        "narasi_program": items_pr,
        "ikm_metode": narrative.ikm_metode(data),
        "ikm_hasil": narrative.ikm_hasil(data),
        **_ikm_parts(data),
        "narasi_ikm": narrative.narasi_ikm(data),
        "sakip_metode": [
            "Nilai SAKIP diperoleh dari Laporan Hasil Evaluasi (LHE) SAKIP per komponen. "
            f"Skema penilaian yang berlaku: {sakip_engine.SKEMA_LABEL[p.aturan.sakip_skema]} "
            "(Perencanaan Kinerja 30, Pengukuran Kinerja 30, Pelaporan Kinerja 15, Evaluasi "
            "Akuntabilitas Kinerja Internal 25)."
        ],
        "sakip_rows": _sakip_rows(data),
        "narasi_sakip": narrative.narasi_sakip(data),
        "lhe_pengantar": narrative.narasi_lhe_pengantar(data),
        "lhe_rows": _lhe_rows(data),
        "narasi_lhe": narrative.narasi_tindak_lanjut_lhe(data),
        "anggaran_metode": [
            "Realisasi anggaran dibandingkan dengan pagu setiap program dan kegiatan; serapan "
            "= realisasi ÷ pagu × 100%."
        ],
        **_anggaran_parts(data),
        "narasi_anggaran": narrative.narasi_anggaran(data),
        "kesimpulan": narrative.kesimpulan(data),
        "narasi": {key: narrative.topic_slot(data, key) for key in _BLOCK_TOPICS},
        "renstra_periode": narrative.renstra(data),
        "tindak_lanjut_pengantar": intro_t,
        "tindak_lanjut": items_t,
        "aturan_rows": _aturan_rows(data),
        "tahapan_pengantar": [
            "Penyusunan LKjIP ini mengikuti delapan langkah SOP. Waktu pelaksanaan setiap "
            "langkah dibandingkan dengan mutu baku waktunya (hari = hari kerja) sebagai berikut."
        ],
        "tahapan_rows": _tahapan_rows(data),
        # the compiler's notes: data warnings (not in a final) and the units' Keterangan
        # (draft only); nothing internal reaches a koreksi/final body
        "catatan_data": (
            [] if data.tahap == "final" else [*data.peringatan, *narrative.keterangan_unit(data)]
        ),
        **sections.reviewer_context(data),
        **_chart_images(data, tpl, cache if cache is not None else ChartCache(None)),
    }


_BLOCK_TOPICS = (
    "dasar_hukum",
    "struktur_organisasi",
    "tugas_fungsi",
    "sdm",
    "sarana_prasarana",
    "isu_strategis",
    "visi",
    "misi",
    "tujuan",
    "strategi",
    "kebijakan",
    "tindak_lanjut_skm",
    "langkah_perbaikan",
)
"""Narasi topics that fill a paragraph of their own (``{{ narasi.<key> }}`` in the template)."""


def render_report(
    data: ReportData,
    template: Path,
    out: Path,
    *,
    logo: Path | None = None,
    workbook: str = "",
    versi: int = 0,
    cache: Path | None = None,
) -> Path:
    """Render the LKjIP for ``data`` into ``out``; narratives become content controls.

    ``workbook`` (the workbook's id) and ``versi`` are recorded in the document's custom XML
    part; the "Tambahan dari Word" rows of the Narasi sheet are placed under their headings.
    ``cache`` is a folder (the workspace's ``tembolok``) where charts are kept by a digest of
    their data, and the prepared template, so what did not change is not redone.
    """
    from lkjip_xl.report.presentation import finish_body
    from lkjip_xl.report.slots import Extra, wrap_document

    extras = [Extra(e.key, e.heading, e.label, e.text) for e in data.tambahan_word]
    charts_cache = ChartCache(cache / "grafik" if cache is not None else None)
    render_template(
        template,
        lambda tpl: report_context(data, tpl, logo=logo, cache=charts_cache),
        out,
        finish=lambda doc: wrap_document(
            doc,
            workbook=workbook,
            tahun=data.tahun,
            versi=versi,
            extras=extras,
            finish=lambda body: finish_body(body, data.profile.istilah_asing),
        ),
        cache=cache / "templat" if cache is not None else None,
    )
    return out
