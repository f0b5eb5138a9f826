"""Casefile: build war-crimes case files from source texts, offline."""

import gc

__version__ = "0.1.0"
APP_NAME = "Casefile"

# Before any module of Casefile imports peewee: its PostgreSQL drivers load on first use. The
# garbage collector waits meanwhile: peewee makes some 300 classes and their functions, which
# live as long as the process, and the twenty passes the collector made over them while they
# were made cost every start (the window's, every command's) 5-8 ms.
_collecting = gc.isenabled()
gc.disable()
try:
    from desktop.domain.drivers import import_peewee

    import_peewee()
finally:
    if _collecting:
        gc.enable()
del _collecting
