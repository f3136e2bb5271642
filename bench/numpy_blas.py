"""The BLAS a numpy benchmark process runs on, read from its own memory map (shared by bench/*)."""
import ctypes
import os


def openblas():
    """(library, threads, core) of the OpenBLAS this process mapped, or the BLAS it did map."""
    with open('/proc/self/maps') as f:
        libs = sorted({line.split()[-1] for line in f if 'blas' in line.lower()})
    for lib in libs:
        if 'openblas' in lib:
            ob = ctypes.CDLL(lib)
            ob.openblas_get_corename.restype = ctypes.c_char_p
            return '/'.join(lib.split('/')[-2:]), ob.openblas_get_num_threads(), ob.openblas_get_corename().decode()
    return ', '.join(os.path.basename(p) for p in libs) or 'unknown', 1, None
