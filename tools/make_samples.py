"""Write the demo's sample documents into app/paraphe/resources/samples/ (run once, committed).

A one-page PDF, an OpenDocument spreadsheet and a text file, built from scratch here so that
nothing is copied from elsewhere.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "app" / "paraphe" / "resources" / "samples"

PDF_LINES = [
    (72, 760, 20, "ACTE D'ENGAGEMENT (exemple)"),
    (72, 730, 11, "Document de démonstration de Paraphe - sans valeur contractuelle."),
    (72, 700, 11, "Marché : Fourniture de matériel de bureau, lot n° 1"),
    (72, 682, 11, "Candidat : ENTREPRISE EXEMPLE SAS - SIREN 000 000 000"),
    (72, 664, 11, "Montant de l'offre : 12 345,67 EUR HT"),
    (72, 630, 11, "Le candidat s'engage à exécuter les prestations aux conditions du marché."),
]


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def make_pdf() -> bytes:
    content = b"".join(
        b"BT /F1 %d Tf %d %d Td (" % (size, x, y) + _escape(text) + b") Tj ET\n"
        for x, y, size, text in PDF_LINES
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Title (Acte d'engagement - exemple) /Producer (Paraphe samples) >>",
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


ODS_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">
<office:body><office:spreadsheet><table:table table:name="BPU">
{rows}
</table:table></office:spreadsheet></office:body></office:document-content>
"""
ODS_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
 manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/"
  manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""
BPU_ROWS = [
    ("Réf.", "Désignation", "Unité", "Prix unitaire HT"),
    ("1.1", "Ramette papier A4 80 g", "ramette", "4,20"),
    ("1.2", "Stylo bille bleu", "boîte de 50", "11,90"),
    ("1.3", "Classeur à levier dos 80 mm", "unité", "2,35"),
]


def make_ods() -> bytes:
    def cell(value: str) -> str:
        return (
            '<table:table-cell office:value-type="string"><text:p>'
            f"{value}</text:p></table:table-cell>"
        )

    rows = "\n".join(
        "<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>"
        for row in BPU_ROWS
    )
    path = TARGET / "BPU.ods"
    with zipfile.ZipFile(path, "w") as archive:
        # The mimetype entry comes first and uncompressed, as OpenDocument requires.
        archive.writestr(
            zipfile.ZipInfo("mimetype", date_time=(2026, 1, 1, 0, 0, 0)),
            "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        for name, text in (
            ("content.xml", ODS_CONTENT.format(rows=rows)),
            ("META-INF/manifest.xml", ODS_MANIFEST),
        ):
            archive.writestr(
                zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)),
                text,
                compress_type=zipfile.ZIP_DEFLATED,
            )
    return path.read_bytes()


TEXT = """Mémoire technique (exemple)

Document de démonstration de Paraphe, sans valeur contractuelle.

1. Moyens humains : deux techniciens et un chef de projet.
2. Délais : livraison sous dix jours ouvrés après la commande.
3. Démarche environnementale : emballages recyclés, livraisons groupées.
"""


def main() -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    (TARGET / "Acte d'engagement.pdf").write_bytes(make_pdf())
    make_ods()
    (TARGET / "Mémoire technique.txt").write_text(TEXT, encoding="utf-8")
    (TARGET / "__init__.py").write_text("")


if __name__ == "__main__":
    main()
