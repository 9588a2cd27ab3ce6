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

#: Every check, family by family (the order does not change what is reported: findings are sorted)
CHECKS = (*_ST, *_AB, *_CT, *_EV, *_CL, *_JG, *_RD, *_FG, *_VN)

#: Rules reported by the engine itself rather than by a check class.
BUILTIN = ("PL001", "PL002", "PL003", "PL100")
