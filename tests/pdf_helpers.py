"""A minimal PDF writer for tests: pages of plain text lines in Helvetica, readable by PDFium."""
from __future__ import annotations


def make_pdf(pages: list[list[str]]) -> bytes:
    objs: list[str] = []

    def add(body: str) -> int:
        objs.append(body)
        return len(objs)

    font = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    contents = []
    for lines in pages:
        ops = ["BT", "/F1 11 Tf", "14 TL", "72 740 Td"]
        for line in lines:
            esc = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({esc}) Tj T*")
        ops.append("ET")
        stream = "\n".join(ops)
        contents.append(add(f"<< /Length {len(stream.encode('latin-1'))} >>\nstream\n{stream}\nendstream"))
    pages_id = len(objs) + len(pages) + 1
    kids = [add(f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 {font} 0 R >> >> "
                f"/Contents {c} 0 R >>") for c in contents]
    add(f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>")
    catalog = add(f"<< /Type /Catalog /Pages {pages_id} 0 R >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root {catalog} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def paper_pages(n_main: int, *, first: list[str] | None = None, words: int = 60) -> list[list[str]]:
    """`n_main` pages of body text, then a page that opens with the references heading."""
    body = ["Body text of the paper " * 4] * words
    pages = [(first or []) + body] + [body for _ in range(n_main - 1)]
    return pages + [["References", "[1] A. Author. A paper. 2020."]]
