"""placeholder"""


class NameIndex:
    pass
