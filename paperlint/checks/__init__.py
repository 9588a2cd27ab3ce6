"""Python checks: one package per rule family, ``paperlint/checks/<family>/`` as ``rules/<FAMILY>/``.

Each family's ``__init__`` lists its checks (code, module, class); a rule's module is imported
the first time the rule runs. Each check's metadata (message, rationale, options, examples)
lives in rules/<FAMILY>/<CODE>-<name>.toml; a test asserts the 1:1 match.
"""
from __future__ import annotations

from .ab import CHECKS as _AB
from .cl import CHECKS as _CL
from .ct import CHECKS as _CT
from .ev import CHECKS as _EV
from .fg import CHECKS as _FG
from .jg import CHECKS as _JG
from .rd import CHECKS as _RD
from .st import CHECKS as _ST
from .vn import CHECKS as _VN

_BY_CODE = {c.code: c for c in (*_AB, *_CL, *_CT, *_EV, *_FG, *_JG, *_RD, *_ST, *_VN)}
#: The order the engine runs them in (it does not change what is reported: findings are sorted).
ORDER = (
    "ST101", "ST102", "ST110", "ST120", "ST121", "ST140", "AB101", "AB102", "AB103", "AB104",
    "AB106", "ST111", "ST112", "ST130", "ST150", "CT101", "CT102", "CT110", "EV101", "EV102",
    "EV103", "EV104", "EV105", "EV106", "EV107", "EV108", "EV109", "EV110", "EV111", "EV120",
    "EV121", "EV130", "EV140", "CL101", "CL102", "CL103", "CL104", "CL105", "JG101", "JG102",
    "JG103", "JG104", "JG110", "JG120", "AB105", "RD101", "RD102", "RD103", "RD104", "RD105",
    "FG101", "FG102", "FG103", "FG110", "FG111", "FG120", "FG130", "VN101", "VN102", "VN103",
    "VN110", "VN111", "VN130", "VN120", "VN121", "VN122",
)
CHECKS = tuple(_BY_CODE[code] for code in ORDER)

#: Rules reported by the engine itself rather than by a check class.
BUILTIN = ("PL001", "PL002", "PL003", "PL100")
