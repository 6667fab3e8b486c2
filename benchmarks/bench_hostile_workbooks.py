"""Hostile workbooks answered in bounded time and memory: each read in a fresh process, beside a good one.

Run::

    .venv/bin/python benchmarks/bench_hostile_workbooks.py [--repeat 3]

Cases, each a small file written here:

* ``good``: a one-body workbook (the baseline);
* ``huge-dimension``: a sheet claiming ``A1:XFD1048576`` with one cell in its last row, read as
  wide answers (openpyxl) and through a layout with each installed reader;
* ``bomb-declared``: a zip declaring more than the unpacked bound (refused from its directory);
* ``bomb-lying``: a part declaring 4,000 bytes that unpacks to 256 MiB of zeros (refused at the
  first chunk past its declared size).

With ``--national``, it also measures what the package checks cost on the national set of
``bench_read_workbooks.py``: every workbook of the zip checked (``inspect_package``) beside the
whole read through the layout (which includes the checks), interleaved, best of each.

Each case runs in its own process (``read_wide_xlsx`` or ``read_workbooks``), which reports the
seconds the call took and its peak resident memory (and how much of it the call added); rounds
are interleaved and the best round of each case is printed with its ratio to the baseline, and
the 1-minute load.
"""

from __future__ import annotations

import argparse
import io
import json
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.hostile.test_workbooks import GOOD_CELLS, GOOD_ROWS, LAYOUT, MAPPING, parts, patched, sheet_xml, zipped
from tests.mic_workbooks import sections, write_set

from tajimi_rules.survey import _package as package
from tajimi_rules.survey import parse_catalog
from tajimi_rules.survey._draft import draft_layout
from tajimi_rules.survey._layout import load_layout
from tajimi_rules.survey._workbooks import read_workbooks

_CHILD = """
import json, sys, time
from tajimi_rules.survey import load_catalog, read_wide_xlsx
from tajimi_rules.survey._workbooks import read_workbooks


def high_water():  # the peak resident memory of this process image (ru_maxrss outlives exec on Linux)
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))


path, how, reader = sys.argv[1], sys.argv[2], sys.argv[3]
catalog = load_catalog("r4")
import openpyxl, python_calamine  # the readers loaded before the call: the peak is then the call's own
before = high_water()
started = time.perf_counter()
if how == "wide":
    result = read_wide_xlsx(path, catalog, json.loads(sys.argv[4]))
    codes = [p.code for p in result.errors]
else:
    result = read_workbooks(path, json.loads(sys.argv[4]), catalog, reader=reader)
    codes = [p.code for p in result.errors]
elapsed = time.perf_counter() - started
print(json.dumps({"seconds": elapsed, "before_kib": before, "peak_kib": high_water(), "codes": codes}))
"""


def _lying_bomb() -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    zeros = b"\0" * (1024 * 1024)
    packed = b"".join(packer.compress(zeros) for _ in range(256)) + packer.flush()
    good = zipped({**parts(), "xl/worksheets/sheet1.xml": b"x" * 4000})
    # Put the deflated zeros where the 4,000 bytes of x were: a part that lies about its size.
    small = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    xs = small.compress(b"x" * 4000) + small.flush()
    assert good.count(xs) == 1
    data = good.replace(xs, packed)
    # Fix the packed sizes (local and central headers) and the offsets after the part.
    return _resized(data, "xl/worksheets/sheet1.xml", len(packed), len(packed) - len(xs))


def _resized(data: bytes, member: str, packed: int, shift: int) -> bytes:
    out = bytearray(data)
    start = 0
    while (local := out.find(b"PK\x03\x04", start)) >= 0:
        length = struct.unpack_from("<H", out, local + 26)[0]
        if bytes(out[local + 30 : local + 30 + length]) == member.encode():
            struct.pack_into("<I", out, local + 18, packed)
            break
        start = local + 4
    end = out.rfind(b"PK\x05\x06")
    directory = struct.unpack_from("<I", out, end + 16)[0] + shift
    struct.pack_into("<I", out, end + 16, directory)
    entry = directory
    while out[entry : entry + 4] == b"PK\x01\x02":
        names, extra, comment = struct.unpack_from("<HHH", out, entry + 28)
        name = bytes(out[entry + 46 : entry + 46 + names]).decode()
        offset = struct.unpack_from("<I", out, entry + 42)[0]
        if name == member:
            struct.pack_into("<I", out, entry + 20, packed)
        elif offset > local:
            struct.pack_into("<I", out, entry + 42, offset + shift)
        entry += 46 + names + extra + comment
    with zipfile.ZipFile(io.BytesIO(bytes(out))) as check:
        assert check.getinfo(member).compress_size == packed
    return bytes(out)


def cases(folder: Path) -> dict[str, tuple[Path, str, str, str]]:
    """Each case: (file, how it is read, reader, mapping or layout as JSON)."""
    files = {
        "good": zipped(parts()),
        "huge-dimension": zipped(
            parts(
                (
                    (
                        "Q1",
                        "worksheet",
                        sheet_xml(
                            GOOD_ROWS.format(cells=GOOD_CELLS) + '<row r="1048576"><c r="A1048576"><v>7</v></c></row>',
                            dimension="A1:XFD1048576",
                        ),
                    ),
                )
            )
        ),
        "bomb-declared": patched(zipped(parts()), "xl/worksheets/sheet1.xml", size=package.MAX_UNPACKED + 1),
        "bomb-lying": _lying_bomb(),
    }
    found: dict[str, tuple[Path, str, str, str]] = {}
    for name, data in files.items():
        path = folder / f"{name}.xlsx"
        path.write_bytes(data)
        found[f"{name} wide"] = (path, "wide", "openpyxl", json.dumps(MAPPING))
        for reader in ("calamine", "openpyxl"):
            found[f"{name} layout {reader}"] = (path, "layout", reader, json.dumps(LAYOUT))
    return found


def _national(repeat: int) -> None:
    """The package checks' share of a national read, interleaved with the read itself."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "national.zip"
        write_set(path, municipalities=1741, seed=2022, layout=sections(sheets_per_section=(2, 2, 2, 2, 2), columns=12))
        layout_json, catalog_json = draft_layout(path)
        layout, catalog = load_layout(layout_json), parse_catalog(catalog_json)
        with zipfile.ZipFile(path) as archive:
            books = [(info.filename, archive.read(info)) for info in archive.infolist()]
        best = {"checks": float("inf"), "read": float("inf")}
        for _ in range(repeat):
            started = time.perf_counter()
            for name, data in books:
                package.inspect_package(name, data)
            best["checks"] = min(best["checks"], time.perf_counter() - started)
            started = time.perf_counter()
            read = read_workbooks(path, layout, catalog, reader="calamine")
            best["read"] = min(best["read"], time.perf_counter() - started)
            assert read.errors == ()
    unpacked = sum(len(data) for _, data in books)
    print(
        f"national set ({len(books)} workbooks, {unpacked:,} bytes packed): package checks {best['checks']:.3f} s, "
        f"whole read (calamine, checks included) {best['read']:.3f} s: checks are "
        f"{100 * best['checks'] / best['read']:.0f}% of the read"
    )


def main(argv: list[str] | None = None) -> int:
    """Run every case in interleaved rounds, each in a fresh process; print the best round of each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--national", action="store_true", help="also time the package checks on a national set")
    args = parser.parse_args(argv)
    if args.national:
        _national(args.repeat)
    with Path("/proc/loadavg").open() as load:
        print(f"load (1 min) at start: {load.read().split()[0]}")
    with tempfile.TemporaryDirectory() as folder:
        found = cases(Path(folder))
        sizes = {name: path.stat().st_size for name, (path, _, _, _) in found.items()}
        best: dict[str, dict[str, object]] = {}
        for _ in range(args.repeat):
            for name, (path, how, reader, spec) in found.items():
                child = [sys.executable, "-c", _CHILD, str(path), how, reader, spec]
                done = subprocess.run(child, capture_output=True, text=True, check=True, timeout=120)
                report = json.loads(done.stdout)
                if name not in best or float(report["seconds"]) < float(str(best[name]["seconds"])):
                    best[name] = report
    baseline = {
        how: float(str(best[f"good {how}"]["seconds"])) for how in ("wide", "layout calamine", "layout openpyxl")
    }
    for name, report in best.items():
        how = name.split(" ", 1)[1]
        seconds = float(str(report["seconds"]))
        print(
            f"{name:32} {sizes[name]:>9,} B  {seconds:7.3f} s ({seconds / baseline[how]:5.1f}x good)  "
            f"peak {int(str(report['peak_kib'])) // 1024:4d} MiB "
            f"(+{(int(str(report['peak_kib'])) - int(str(report['before_kib']))) // 1024} MiB in the call)  "
            f"{report['codes'] or 'read'}"
        )
    with Path("/proc/loadavg").open() as load:
        print(f"load (1 min) at end: {load.read().split()[0]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
