"""Deterministic, realistic demo data for one year of a Kecamatan's LKjIP.

Nothing here is real: names, figures and responses are invented but plausible
for a Kecamatan in Kota Probolinggo, so the demo shows every part of the product.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from lkjip_xl.domain.profile import Official, Profile

Row = dict[str, Any]

OFFICIALS: dict[str, tuple[str, str]] = {
    "camat": ("Drs. Agus Setiawan, M.Si.", "197305121993031004"),
    "sekcam": ("Rina Kusumawati, S.Sos., M.AP.", "197808152005012006"),
    "kasubbag": ("Bambang Prasetyo, S.E.", "198104222009011003"),
    "staf": ("Dewi Lestari, A.Md.", "199202172015032005"),
}
"""Invented names and NIPs of the demo officials (the shipped profile has placeholders)."""

UNIT_HEADS: tuple[str, ...] = (
    "Hendra Wijaya, S.STP.",
    "Yuliana Sari, S.H.",
    "Ahmad Fauzi, S.Sos.",
    "Siti Rohmah, S.E.",
    "Teguh Santoso, S.AP.",
    "Mochammad Rizal, S.IP.",
    "Indah Permatasari, S.Sos.",
    "Joko Susilo, S.H.",
    "Lilik Handayani, S.E.",
    "Wahyu Hidayat, S.STP.",
    "Nanik Suryani, S.Sos.",
)
"""Invented names of the Kasi and Lurah (pihak pertama of their Perjanjian Kinerja)."""


def demo_profile(tahun: int = 2025) -> Profile:
    """The shipped default profile with invented officials, addresses (``.test``, a domain
    reserved for examples) and telephone instead of the shipped samples."""
    from lkjip_xl.domain.profile import default_profile

    profile = default_profile(tahun)

    def address(email: str) -> str:  # the reserved .test domain: never anyone's real mailbox
        return email.replace("@contoh.go.id", "@probolinggo.test") if email else email

    pejabat = [
        o.model_copy(
            update={
                **dict(zip(("nama", "nip"), OFFICIALS[o.peran], strict=True)),
                "email": address(o.email),
            }
        )
        if o.peran in OFFICIALS
        else o
        for o in profile.pejabat
    ]
    units = [u.model_copy(update={"email": address(u.email)}) for u in profile.unit]
    heads = [u for u in units if u.jenis in ("seksi", "kelurahan")]
    pejabat += [
        Official(
            peran="kasi_lurah",
            jabatan=u.pimpinan,
            nama=nama,
            nip=f"19{78 + i}{1 + i % 9:02d}{10 + i}20{5 + i:02d}{1 + i % 9:02d}{1 + i % 2}{i:03d}",
            pangkat="Penata Tingkat I (III/d)" if u.jenis == "kelurahan" else "Penata (III/c)",
        )
        for i, (u, nama) in enumerate(zip(heads, UNIT_HEADS, strict=False), start=1)
    ]
    return profile.model_copy(
        update={
            "kepala_daerah": "Wali Kota Probolinggo",
            "nama_kepala_daerah": "Ir. Hartono Wibisono, M.T.",
            "pejabat": pejabat,
            "unit": units,
            "email": address(profile.email),
            "telepon": "(0335) 422150",
        }
    )


def indicators(profile: Profile) -> list[Row]:
    """Format Data rows: the Kecamatan's IKU plus one indicator per kelurahan."""
    by_kode = {u.kode: u.nama for u in profile.unit}
    kec = next((u.nama for u in profile.unit if u.jenis == "kecamatan"), profile.opd)

    def pj(kode: str) -> str:
        return by_kode.get(kode, kec)

    ikm_pj = pj(profile.sumber_ikm[0]) if profile.sumber_ikm else kec
    sakip_pj = pj(profile.sumber_sakip[0]) if profile.sumber_sakip else kec
    s1 = "Meningkatnya kualitas pelayanan publik kecamatan"
    s2 = "Meningkatnya akuntabilitas kinerja kecamatan"
    s3 = "Meningkatnya ketenteraman, ketertiban dan kesejahteraan masyarakat"
    rows: list[Row] = [
        dict(
            kode="IKU-01",
            iku="Ya",
            sasaran=s1,
            indikator="Indeks Kepuasan Masyarakat (IKM)",
            satuan="Nilai",
            jenis="IKM",
            target=85,
            polaritas="Naik",
            penanggung_jawab=ikm_pj,
            sumber_data="Survei Kepuasan Masyarakat",
            target_renstra=88,
            realisasi_n1=83.42,
            realisasi_n2=81.97,
            standar=82.0,
            standar_sumber="rata-rata IKM perangkat daerah Kota Probolinggo 2024",
            definisi=(
                "Nilai konversi IKM hasil Survei Kepuasan Masyarakat (PermenPAN-RB "
                "14/2017): jumlah NRR tertimbang × 25"
            ),
        ),
        dict(
            kode="IKU-02",
            iku="Ya",
            sasaran=s2,
            indikator="Nilai SAKIP Kecamatan",
            satuan="Nilai",
            jenis="SAKIP",
            target=72,
            polaritas="Naik",
            penanggung_jawab=sakip_pj,
            sumber_data="LHE SAKIP",
            target_renstra=75,
            realisasi_n1=70.35,
            realisasi_n2=67.2,
            definisi=("Nilai hasil evaluasi akuntabilitas kinerja (LHE SAKIP) oleh Inspektorat"),
        ),
        dict(
            kode="IKU-03",
            iku="Ya",
            sasaran=s1,
            indikator="Persentase layanan administrasi yang selesai tepat waktu",
            satuan="%",
            jenis="Lainnya",
            target=95,
            polaritas="Naik",
            penanggung_jawab=pj("PU"),
            sumber_data="Register layanan PATEN",
            target_renstra=98,
            realisasi_n1=93.1,
            realisasi_n2=90.4,
            standar=100,
            standar_sumber="standar waktu pelayanan PATEN, Permendagri Nomor 4 Tahun 2010",
            definisi=(
                "Jumlah layanan administrasi selesai sesuai standar waktu ÷ jumlah "
                "layanan administrasi × 100%"
            ),
        ),
        dict(
            kode="IKU-04",
            iku="Ya",
            sasaran=s1,
            indikator="Jumlah pengaduan masyarakat yang tidak terselesaikan",
            satuan="kasus",
            jenis="Lainnya",
            target=5,
            polaritas="Turun",
            penanggung_jawab=pj("PU"),
            sumber_data="Aplikasi pengaduan",
            target_renstra=2,
            realisasi_n1=6,
            realisasi_n2=9,
            definisi=("Jumlah pengaduan masyarakat yang belum terselesaikan sampai akhir tahun"),
        ),
        dict(
            kode="IKU-05",
            iku="Ya",
            sasaran=s3,
            indikator="Persentase gangguan trantibum yang tertangani",
            satuan="%",
            jenis="Lainnya",
            target=100,
            polaritas="Naik",
            penanggung_jawab=pj("TRANTIB"),
            sumber_data="Laporan Seksi Trantib",
            target_renstra=100,
            realisasi_n1=96.0,
            realisasi_n2=94.5,
            definisi=(
                "Jumlah gangguan trantibum yang tertangani ÷ jumlah gangguan trantibum "
                "yang dilaporkan × 100%"
            ),
        ),
        dict(
            kode="IKU-06",
            iku="Ya",
            sasaran=s3,
            indikator="Persentase lembaga kemasyarakatan kelurahan yang aktif",
            satuan="%",
            jenis="Lainnya",
            target=90,
            polaritas="Naik",
            penanggung_jawab=pj("PM"),
            sumber_data="Laporan Seksi PM",
            target_renstra=95,
            realisasi_n1=86.0,
            realisasi_n2=80.0,
            definisi=(
                "Jumlah lembaga kemasyarakatan kelurahan yang aktif ÷ jumlah lembaga "
                "kemasyarakatan kelurahan × 100%"
            ),
        ),
        dict(
            kode="IKU-07",
            iku="Ya",
            sasaran=s3,
            indikator="Persentase usulan bantuan sosial yang terverifikasi tepat waktu",
            satuan="%",
            jenis="Lainnya",
            target=90,
            polaritas="Naik",
            penanggung_jawab=pj("KESOS"),
            sumber_data="SIKS-NG",
            target_renstra=95,
            realisasi_n1=88.5,
            realisasi_n2=84.0,
            definisi=(
                "Jumlah usulan bantuan sosial terverifikasi tepat waktu ÷ jumlah usulan"
                " bantuan sosial × 100%"
            ),
        ),
        dict(
            kode="IKU-08",
            iku="Ya",
            sasaran=s1,
            indikator="Jumlah berkas administrasi kependudukan yang diterbitkan melalui PATEN",
            satuan="berkas",
            jenis="Lainnya",
            target=4800,
            polaritas="Naik",
            penanggung_jawab=pj("PEM"),
            sumber_data="Register layanan PATEN",
            target_renstra=5200,
            realisasi_n1=4655,
            realisasi_n2=4310,
            definisi="Jumlah berkas administrasi kependudukan dan surat keterangan yang "
            "diterbitkan loket PATEN dalam satu tahun",
        ),
    ]
    kel = [u for u in profile.unit if u.jenis == "kelurahan"]
    for i, u in enumerate(kel, start=1):
        name = u.nama.removeprefix("Kelurahan ").strip()
        rows.append(
            dict(
                kode=f"KEL-{i:02d}",
                sasaran="Meningkatnya kinerja penyelenggaraan pemerintahan kelurahan",
                indikator=f"Persentase realisasi penerimaan PBB-P2 Kelurahan {name}",
                satuan="%",
                jenis="Lainnya",
                target=100,
                polaritas="Naik",
                penanggung_jawab=u.nama,
                sumber_data="Laporan PBB-P2 kelurahan",
                target_renstra=100,
                realisasi_n1=round(92 + i * 1.1, 2),
                realisasi_n2=round(88 + i * 1.3, 2),
                definisi="Realisasi penerimaan PBB-P2 kelurahan ÷ target penerimaan × 100%",
                iku="Tidak",
            )
        )
    for row in rows:  # yearly Renstra targets: from this year's target to the end target
        first, last = float(row["target"]), float(row["target_renstra"])
        for k in range(5):
            row[f"target_th{k + 1}"] = round(first + (last - first) * k / 4, 2)
    return rows


def realisasi(profile: Profile) -> dict[str, str]:
    """What each indicator's responsible unit reports, as a Lurah would type it."""
    values = {
        "IKU-01": demo_ikm_text(profile),
        "IKU-02": "72,10",
        "IKU-03": "96,4",
        "IKU-04": "4",
        "IKU-05": "100",
        "IKU-06": "85,5",
        "IKU-07": "91,25",
        "IKU-08": "5012",
    }
    kel = [u for u in profile.unit if u.jenis == "kelurahan"]
    pbb = ["101,3", "97,85", "100", "88,4", "103,2", "95,6"]
    for i, _u in enumerate(kel, start=1):
        values[f"KEL-{i:02d}"] = pbb[(i - 1) % len(pbb)]
    return values


def demo_ikm_text(profile: Profile) -> str:
    """The IKM the Kasi reports: computed from the demo SKM, as the office would."""
    import pandas as pd

    from lkjip_xl.domain.ikm import compute_ikm
    from lkjip_xl.domain.numbers import format_id

    responses = pd.DataFrame(skm_responses(profile))
    ikm = compute_ikm(responses, regulasi=profile.aturan.ikm_regulasi, unit_column="unit")
    return format_id(ikm.ikm, 2)


def sakip_history(tahun: int) -> list[Row]:
    """LHE SAKIP components for the last six years (2015 scheme before 2022)."""
    out: list[Row] = []
    base = {
        tahun - 5: (
            "2015",
            dict(perencanaan=18.5, pengukuran=14.2, pelaporan=9.8, evaluasi=5.9, capaian=9.72),
        ),
        tahun - 4: (
            "2015",
            dict(perencanaan=19.6, pengukuran=15.1, pelaporan=10.2, evaluasi=6.3, capaian=10.2),
        ),
        tahun - 3: (
            "2021",
            dict(perencanaan=20.1, pengukuran=19.0, pelaporan=10.4, evaluasi=15.35),
        ),
        tahun - 2: ("2021", dict(perencanaan=21.0, pengukuran=19.8, pelaporan=10.6, evaluasi=15.8)),
        tahun - 1: (
            "2021",
            dict(perencanaan=22.05, pengukuran=20.5, pelaporan=11.0, evaluasi=16.8),
        ),
        tahun: ("2021", dict(perencanaan=22.5, pengukuran=21.0, pelaporan=11.2, evaluasi=17.4)),
    }
    for year, (skema, comp) in sorted(base.items()):
        out.append({"tahun": year, "skema": skema, **comp})
    return out


def budget() -> list[Row]:
    """Pagu and realisasi per program/kegiatan (Rupiah)."""
    items = [
        (
            "7.01.01",
            "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
            "Program",
            2_845_600_000,
            2_701_254_300,
        ),
        (
            "7.01.01.2.01",
            "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
            "Kegiatan",
            48_500_000,
            47_120_000,
        ),
        (
            "7.01.01.2.02",
            "Administrasi Keuangan Perangkat Daerah",
            "Kegiatan",
            2_210_400_000,
            2_108_776_300,
        ),
        (
            "7.01.01.2.06",
            "Administrasi Umum Perangkat Daerah",
            "Kegiatan",
            586_700_000,
            545_358_000,
        ),
        (
            "7.01.02",
            "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik",
            "Program",
            312_000_000,
            289_450_000,
        ),
        (
            "7.01.03",
            "Program Pemberdayaan Masyarakat Desa dan Kelurahan",
            "Program",
            1_275_000_000,
            1_198_620_500,
        ),
        (
            "7.01.04",
            "Program Koordinasi Ketenteraman dan Ketertiban Umum",
            "Program",
            145_000_000,
            137_900_000,
        ),
        (
            "7.01.05",
            "Program Penyelenggaraan Urusan Pemerintahan Umum",
            "Program",
            96_500_000,
            88_215_000,
        ),
    ]
    sasaran = {  # the sasaran each programme serves (its kegiatan follow it)
        "7.01.01": "Meningkatnya akuntabilitas kinerja kecamatan",
        "7.01.02": "Meningkatnya kualitas pelayanan publik kecamatan",
        "7.01.03": "Meningkatnya ketenteraman, ketertiban dan kesejahteraan masyarakat",
        "7.01.04": "Meningkatnya ketenteraman, ketertiban dan kesejahteraan masyarakat",
        "7.01.05": "Meningkatnya kinerja penyelenggaraan pemerintahan kelurahan",
    }
    return [
        dict(kode=k, nama=n, tingkat=t, pagu=p, realisasi=r, sasaran=sasaran.get(k))
        for k, n, t, p, r in items
    ]


def lhe_follow_up(tahun: int) -> list[Row]:
    """Recommendations of last year's LHE SAKIP and what the office did about them."""
    return [
        dict(
            tahun=tahun,
            rekomendasi="Menyelaraskan indikator kinerja kecamatan dengan indikator kinerja "
            "Kota melalui pohon kinerja (cascading).",
            tindak_lanjut="Pohon kinerja disusun bersama Bappeda dan dimuat dalam Perjanjian "
            "Kinerja tahun berjalan.",
            status="Selesai",
            bukti="Dokumen pohon kinerja; Perjanjian Kinerja",
        ),
        dict(
            tahun=tahun,
            rekomendasi="Menyusun rencana aksi dan memantau capaiannya setiap triwulan.",
            tindak_lanjut="Rencana aksi ditetapkan pada Februari dan capaiannya dibahas dalam "
            "rapat evaluasi triwulan.",
            status="Selesai",
            bukti="Rencana Aksi; notula rapat evaluasi triwulan I–IV",
        ),
        dict(
            tahun=tahun,
            rekomendasi="Memanfaatkan hasil evaluasi kinerja internal untuk perbaikan "
            "perencanaan tahun berikutnya.",
            tindak_lanjut="Hasil evaluasi internal dibahas dalam rapat pimpinan; sebagian "
            "rekomendasinya masuk Renja tahun berikutnya.",
            status="Dalam Proses",
            bukti="Notula rapat pimpinan 14 November",
        ),
    ]


_PROFILE_FIELDS = {
    "jk": ["L", "P"],
    "pendidikan": ["SD", "SMP", "SMA", "D3", "S1", "S2"],
    "pekerjaan": ["PNS", "TNI/Polri", "Swasta", "Wirausaha", "Pelajar/Mahasiswa", "Lainnya"],
    "layanan": [
        "KTP-el",
        "Kartu Keluarga",
        "Surat Keterangan",
        "Izin Usaha Mikro",
        "Legalisasi",
        "Surat Pindah",
    ],
}


def skm_responses(profile: Profile, seed: int = 2025) -> list[Row]:
    """Raw SKM rows (one per respondent) for every unit layanan, answers 1–4.

    A few answers are blank (the respondent skipped the question), as real
    questionnaires are.
    """
    rng = random.Random(seed)
    rows: list[Row] = []
    units = profile.service_units
    n_unsur = 14 if profile.aturan.ikm_regulasi == "2004" else 9
    no = 0
    for k, unit in enumerate(units):
        count = 96 if unit.jenis == "kecamatan" else 52 + 7 * k
        quality = 0.80 + 0.025 * ((k * 3) % 5)  # share of good answers differs per unit
        for _ in range(count):
            no += 1
            answers = {}
            for u in range(1, n_unsur + 1):
                x = rng.random()
                weak = 0.2 if u in (3, 8) else 0.0  # waktu and pengaduan score lower
                if x < quality - weak * 0.5:
                    v: int | None = 4 if rng.random() < 0.55 else 3
                elif x < 0.985:
                    v = 2 if rng.random() < 0.8 else 3
                else:
                    v = 1
                if rng.random() < 0.008:
                    v = None
                answers[f"u{u}"] = v
            rows.append(
                {
                    "no": no,
                    "unit": unit.nama,
                    "layanan": rng.choice(_PROFILE_FIELDS["layanan"]),
                    "tanggal": dt.date(profile.tahun, rng.randint(7, 10), rng.randint(1, 28)),
                    "jk": rng.choice(_PROFILE_FIELDS["jk"]),
                    "usia": rng.randint(18, 70),
                    "pendidikan": rng.choice(_PROFILE_FIELDS["pendidikan"]),
                    "pekerjaan": rng.choice(_PROFILE_FIELDS["pekerjaan"]),
                    **answers,
                    "saran": rng.choice(
                        [
                            "",
                            "",
                            "",
                            "Antrean mohon dipercepat.",
                            "Petugas ramah, pertahankan.",
                            "Tempat parkir kurang luas.",
                            "Informasi persyaratan agar ditempel di papan.",
                        ]
                    )
                    or None,
                }
            )
    return rows


SERVICE_USERS = 4_800
"""Service users of the unit layanan in the year (the SKM population) in the demo."""


def settings(profile: Profile) -> dict[str, Any]:
    """Pengaturan values of the demo: the Renstra period, the Inspektorat reviewed the LKjIP
    (an invented reviewer), the postcode, the Perwali's number and year, extra foreign terms."""
    kota = profile.pemerintah.removeprefix("Pemerintah ").strip()
    return {
        "reviu_dilakukan": "Ya",
        "reviu_apip": f"Inspektorat {kota}",
        "reviu_tanggal": dt.datetime(profile.tahun + 1, 1, 12),
        "reviu_nama": "Dra. Sri Wahyuningsih, M.Si.",
        "reviu_nip": "196905121994032007",
        "reviu_jabatan": "Inspektur Pembantu Wilayah I",
        "renstra_periode": f"{profile.tahun}-{profile.tahun + 4}",
        "tanggal_dpa": dt.datetime(profile.tahun, 1, 3),
        # an invented regulation number and the office's postcode (issue 20, kop and Perwali)
        "kode_pos": "67232",
        "perwali_nomor": "64",
        "perwali_tahun": 2021,
        "istilah_asing": "drive thru, call centre",
    }


# -- narratives (issue 11) ---------------------------------------------------------------------


_IKU_NARASI: dict[str, dict[str, str]] = {
    "IKU-08": {
        "faktor": "Seksi Pemerintahan melayani berkas kependudukan di loket PATEN dengan sistem "
        "piket sehingga buka sampai sore, dan perekaman KTP-el jemput bola dilakukan di enam "
        "kelurahan.",
        "kendala": "Blangko KTP-el dari Dispendukcapil sempat kosong selama tiga minggu.",
        "solusi": "Menerbitkan surat keterangan pengganti sementara dan menjadwalkan "
        "pengambilan blangko bersama kecamatan lain.",
    },
    "IKU-01": {
        "faktor": "Standar pelayanan PATEN sudah diterapkan, tetapi responden masih menilai "
        "rendah waktu penyelesaian dan kenyamanan ruang tunggu.",
        "kendala": "Ruang tunggu sempit pada jam sibuk dan jaringan SIAK yang kadang terputus.",
        "solusi": "Menambah kursi antrean dan nomor antrean elektronik; mengusulkan "
        "penambahan bandwidth kepada Diskominfo pada tahun berikutnya.",
        "efisiensi": "Survei dilakukan dengan kuesioner daring sehingga tidak memerlukan "
        "biaya cetak.",
    },
    "IKU-02": {
        "faktor": "Perjanjian kinerja dan rencana aksi disusun tepat waktu dan dipantau setiap "
        "triwulan oleh Subbagian Program dan Keuangan.",
        "kendala": "Bukti dukung evaluasi internal belum seluruhnya terdokumentasi secara digital.",
        "solusi": "Menyusun folder bukti dukung SAKIP bersama per komponen dan menindaklanjuti "
        "rekomendasi LHE tahun lalu.",
    },
    "IKU-03": {
        "faktor": "Jadwal piket pelayanan dan pemantauan register PATEN harian oleh Kasi "
        "Pelayanan Umum.",
        "kendala": "Sebagian berkas pemohon belum lengkap sehingga harus dikembalikan.",
        "solusi": "Menyebarkan daftar persyaratan melalui kelurahan dan media sosial kecamatan.",
        "efisiensi": "Pelayanan dilaksanakan oleh pegawai yang ada tanpa tambahan tenaga honorer.",
    },
    "IKU-04": {
        "faktor": "Pengaduan dicatat dalam aplikasi dan ditindaklanjuti paling lambat lima hari "
        "kerja, dengan rapat koordinasi bulanan bersama lurah.",
        "kendala": "Empat pengaduan menyangkut kewenangan perangkat daerah lain dan masih "
        "menunggu jawaban.",
        "solusi": "Meneruskan pengaduan lintas perangkat daerah melalui SP4N-LAPOR! dan "
        "memantau tindak lanjutnya setiap bulan.",
    },
    "IKU-05": {
        "faktor": "Patroli gabungan bersama Satpol PP, Babinsa dan Bhabinkamtibmas serta "
        "keaktifan poskamling di setiap kelurahan.",
        "kendala": "Jumlah personel trantib kecamatan terbatas untuk wilayah enam kelurahan.",
        "solusi": "Mengoptimalkan Linmas kelurahan dan jadwal patroli bergilir.",
        "efisiensi": "Patroli dilakukan bersama unsur Tiga Pilar sehingga biaya operasional "
        "ditanggung bersama.",
    },
    "IKU-06": {
        "faktor": "Sebagian lembaga kemasyarakatan belum memperbarui kepengurusan setelah masa "
        "bakti berakhir, sehingga dinyatakan tidak aktif.",
        "kendala": "Dua LPMK dan satu karang taruna belum menyerahkan laporan kegiatan tahunan.",
        "solusi": "Pendampingan pembentukan kepengurusan baru pada triwulan I tahun berikutnya "
        "dan bimbingan teknis administrasi lembaga kemasyarakatan.",
    },
    "IKU-07": {
        "faktor": "Verifikasi usulan bantuan sosial dijadwalkan bersama pendamping PKH dan "
        "operator SIKS-NG kelurahan.",
        "kendala": "Pembaruan data kependudukan penerima belum selalu tersedia saat verifikasi.",
        "solusi": "Koordinasi rutin dengan Dispendukcapil untuk pemadanan NIK sebelum verifikasi.",
    },
}


def indicator_narratives(profile: Profile) -> dict[str, dict[str, str]]:
    """What each responsible unit writes in the narrative columns of its form."""
    out = {k: dict(v) for k, v in _IKU_NARASI.items()}
    values = realisasi(profile)
    kel = [u for u in profile.unit if u.jenis == "kelurahan"]
    for i, u in enumerate(kel, start=1):
        kode = f"KEL-{i:02d}"
        name = u.nama.removeprefix("Kelurahan ").strip()
        met = float(values[kode].replace(",", ".")) >= 100
        if met:
            out[kode] = {
                "faktor": f"Penyampaian SPPT tepat waktu dan penagihan door to door oleh RT/RW "
                f"di Kelurahan {name}, didukung pos pembayaran keliling.",
                "solusi": "Mempertahankan jadwal penagihan dan memberi penghargaan kepada RT "
                "dengan pelunasan tercepat.",
            }
        else:
            out[kode] = {
                "faktor": f"Sebagian wajib pajak di Kelurahan {name} berdomisili di luar kota "
                "dan objek pajak dalam sengketa waris.",
                "kendala": "SPPT atas objek yang sudah berpindah tangan belum dimutakhirkan.",
                "solusi": "Pemutakhiran data objek pajak bersama BPPKAD dan surat pemberitahuan "
                "kepada wajib pajak di luar kota.",
            }
    return out


NARASI_SHEET: dict[str, str] = {
    "struktur_organisasi": "Kecamatan dipimpin oleh Camat dan dibantu Sekretaris Kecamatan "
    "yang membawahi Subbagian Umum dan Kepegawaian serta Subbagian Program dan Keuangan. "
    "Camat juga membawahi lima seksi (Pemerintahan; Ketenteraman dan Ketertiban Umum; "
    "Pemberdayaan Masyarakat; Kesejahteraan Sosial; Pelayanan Umum) dan enam kelurahan.",
    "sdm": "Jumlah pegawai 48 orang (ASN 34 orang, tenaga non-ASN 14 orang).\n"
    "Menurut golongan: Golongan IV 4 orang; Golongan III 18 orang; Golongan II 10 orang; "
    "PPPK 2 orang.\n"
    "Menurut pendidikan: S2 5 orang; S1/D4 19 orang; D3 4 orang; SMA/sederajat 20 orang.",
    "sarana_prasarana": "Kantor kecamatan seluas 620 m² dengan ruang pelayanan PATEN, aula dan "
    "ruang arsip; 2 kendaraan roda empat dan 9 kendaraan roda dua dalam kondisi baik; 31 unit "
    "komputer dan 12 printer, 3 di antaranya perlu diganti.",
    "isu_strategis": "Peningkatan kualitas pelayanan administrasi yang cepat dan transparan.\n"
    "Penguatan ketenteraman dan ketertiban di wilayah perbatasan kota.\n"
    "Pemberdayaan lembaga kemasyarakatan kelurahan.\n"
    "Ketepatan sasaran bantuan sosial bagi warga rentan.",
    "visi": "Terwujudnya Kota Probolinggo yang maju, sejahtera dan berkeadilan melalui "
    "pelayanan kecamatan yang prima.",
    "misi": "Meningkatkan kualitas pelayanan publik di tingkat kecamatan dan kelurahan.\n"
    "Meningkatkan ketenteraman, ketertiban dan partisipasi masyarakat.\n"
    "Meningkatkan akuntabilitas kinerja aparatur kecamatan.",
    "tujuan": "Meningkatkan kepuasan masyarakat terhadap pelayanan kecamatan.\n"
    "Meningkatkan akuntabilitas dan kinerja penyelenggaraan pemerintahan kecamatan.",
    "strategi": "Standardisasi pelayanan PATEN dan digitalisasi antrean.\n"
    "Koordinasi Tiga Pilar dan Linmas dalam menjaga ketertiban.\n"
    "Pemantauan kinerja triwulanan berbasis rencana aksi.",
    "kebijakan": "Pelayanan tepat waktu sesuai maklumat pelayanan.\n"
    "Penanganan pengaduan paling lambat lima hari kerja.\n"
    "Pembinaan kelembagaan masyarakat kelurahan secara berkala.",
    "efisiensi_sumber_daya": "Pelayanan PATEN dilayani oleh 6 pegawai dengan sistem piket, "
    "sehingga tidak diperlukan tambahan tenaga. Kendaraan dinas dipakai bergilir untuk patroli "
    "dan monitoring kelurahan, dan rapat koordinasi memakai aula kantor tanpa biaya sewa.",
    "serapan_anggaran": "Sebagian kegiatan fisik selesai dengan harga kontrak di bawah pagu, dan "
    "satu kegiatan pelatihan dilaksanakan bersama perangkat daerah lain.",
    "tindak_lanjut_skm": "Saran responden tentang ruang tunggu ditindaklanjuti dengan "
    "penambahan 20 kursi dan nomor antrean elektronik; saran tentang kejelasan persyaratan "
    "ditindaklanjuti dengan papan informasi dan unggahan di media sosial kecamatan.",
    "tindak_lanjut_lhe": "Rekomendasi LHE SAKIP dibahas dalam rapat pimpinan dan dibagi kepada "
    "penanggung jawabnya; kemajuan tindak lanjutnya dipantau bersama rencana aksi setiap "
    "triwulan.",
    "kesimpulan": "Pimpinan menilai kinerja tahun ini baik, dengan catatan perlunya penguatan "
    "kelembagaan masyarakat dan pemutakhiran data PBB-P2 di kelurahan yang belum mencapai "
    "target.",
    "langkah_perbaikan": "Pendampingan pembentukan kepengurusan lembaga kemasyarakatan yang "
    "tidak aktif pada triwulan I.\n"
    "Pemutakhiran data objek PBB-P2 bersama BPPKAD.\n"
    "Penambahan bandwidth dan antrean elektronik di ruang pelayanan PATEN.",
}
"""What the Kasubbag writes in the demo's Narasi sheet (dasar hukum and tugas/fungsi come from
the profile)."""
