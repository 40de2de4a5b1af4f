"""placeholder"""


def resolve(conn):
    pass
