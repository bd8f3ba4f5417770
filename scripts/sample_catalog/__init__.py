"""Data tables for ``scripts/build_sample_catalog.py`` (the sample county-hall catalog).

Each department module holds ``DEPARTMENTS``: a list of ``(number, name, table)`` where
``table`` has one service item per line::

    名称 | 别名,别名 | 类型 种类 法定/承诺 [收费] | 申请人 | 材料; 材料; ...

* a line starting with ``+`` is a sub-item (子项) of the main item above it: same main
  number in the code, next sub number;
* 类型 is the two-digit item type of the national catalogue (01 行政许可, 04 行政征收,
  05 行政给付, 07 行政确认, 09 行政裁决, 10 其他行政权力, 20 公共服务);
* 种类 is ``J`` (即办件, immediate) or ``C`` (承诺件, promised); 法定/承诺 are working days;
* 收费 is a key of ``shared.FEES``; 申请人 is ``P`` (person), ``E`` (legal entity) or ``PE``;
* a material is ``名称[flags]#说明``; ``$KEY`` takes name, form, copies and note from
  ``shared.MATERIALS`` so that shared documents (居民身份证, 户口簿, 营业执照 ...) carry one
  identical name everywhere. Flags: ``o`` optional, ``q`` required, ``g`` may be missing at
  intake (容缺), ``n`` may not, ``r`` original, ``c`` copy, ``e`` either, ``x`` electronic,
  digits = copies. ``#说明`` replaces the shared note.
"""
