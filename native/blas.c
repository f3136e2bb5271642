/*
 * replens_blas: C = AᵀB for row-major float32 A [n, p] and B [n, q] on the system BLAS, for the
 * products of a linear CKA heatmap (src/engine/analysis/cka/nativeShard.ts).
 *
 * Node-API only (one build serves Node and Electron). The BLAS is found at run time with
 * dlopen/dlsym, never linked: $REPLENS_BLAS if set, then libopenblas.so.0, libopenblas.so,
 * libmkl_rt.so, libblas.so.3 (Accelerate on macOS, libopenblas.dll on Windows). It calls the
 * Fortran sgemm_, which every BLAS has (cblas_sgemm is not in all of them). Without a BLAS the
 * module still loads and `info()` says why; the products then throw.
 *
 * Row-major A [n, p] is column-major Aᵀ [p, n] (lda = p), likewise B. Row-major C = AᵀB [p, q]
 * is column-major Cᵀ = BᵀA [q, p] (ldc = q): sgemm('N', 'T', m = q, n = p, k = n, B, q, A, p).
 *
 * Exports:
 *   info() -> { library, path, config, threads, error }
 *   setThreads(k) -> threads after the call (OpenBLAS, MKL; else 1)
 *   atb(a, b, n, p, q[, out Float32Array]) -> Float32Array [p, q]   (synchronous)
 *   atbAsync(a, b, n, p, q, block) -> Promise<Float64Array [p, q]>: Σ over blocks of `block` rows
 *     of the float32 products, summed in float64, on a libuv thread (the event loop keeps running).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* dladdr, before any system header */
#endif
#define NAPI_VERSION 8
#include <node_api.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#include <windows.h>
typedef HMODULE lib_t;
static lib_t lib_open(const char *name) { return LoadLibraryA(name); }
static void *lib_sym(lib_t h, const char *name) { return (void *)GetProcAddress(h, name); }
static const char *lib_error(void) { return "LoadLibrary failed"; }
static const char *lib_path(void *sym, const char *fallback) { (void)sym; return fallback; }
#else
#include <dlfcn.h>
typedef void *lib_t;
static lib_t lib_open(const char *name) { return dlopen(name, RTLD_NOW | RTLD_LOCAL); }
static void *lib_sym(lib_t h, const char *name) { return dlsym(h, name); }
static const char *lib_error(void) {
  const char *e = dlerror();
  return e != NULL ? e : "dlopen failed";
}
static const char *lib_path(void *sym, const char *fallback) {
  Dl_info info;
  return dladdr(sym, &info) != 0 && info.dli_fname != NULL ? info.dli_fname : fallback;
}
#endif

typedef void (*sgemm_fn)(const char *, const char *, const int *, const int *, const int *,
                         const float *, const float *, const int *, const float *, const int *,
                         const float *, float *, const int *, size_t, size_t);
typedef void (*set_threads_fn)(int);
typedef int (*get_threads_fn)(void);
typedef char *(*get_config_fn)(void);

static const char *candidates[] = {
#if defined(__APPLE__)
    "/System/Library/Frameworks/Accelerate.framework/Accelerate",
    "libopenblas.dylib",
#elif defined(_WIN32)
    "libopenblas.dll",
    "mkl_rt.dll",
#else
    "libopenblas.so.0",
    "libopenblas.so",
    "libmkl_rt.so",
    "libblas.so.3",
#endif
    NULL,
};

static struct {
  int tried;
  lib_t handle;
  sgemm_fn sgemm;
  set_threads_fn set_threads;
  get_threads_fn get_threads;
  get_config_fn get_config;
  const char *library;
  char path[1024];
  char error[1024];
} blas;

/* Binds the first library with sgemm_; the thread and config functions when it has them. */
static int try_library(const char *name) {
  lib_t h = lib_open(name);
  if (h == NULL) {
    snprintf(blas.error, sizeof blas.error, "%s", lib_error());
    return 0;
  }
  sgemm_fn f = (sgemm_fn)lib_sym(h, "sgemm_");
  if (f == NULL) {
    snprintf(blas.error, sizeof blas.error, "%s has no sgemm_", name);
    return 0;
  }
  blas.handle = h;
  blas.sgemm = f;
  blas.library = name;
  snprintf(blas.path, sizeof blas.path, "%s", lib_path((void *)f, name));
  blas.set_threads = (set_threads_fn)lib_sym(h, "openblas_set_num_threads");
  blas.get_threads = (get_threads_fn)lib_sym(h, "openblas_get_num_threads");
  blas.get_config = (get_config_fn)lib_sym(h, "openblas_get_config");
  if (blas.set_threads == NULL) {
    blas.set_threads = (set_threads_fn)lib_sym(h, "MKL_Set_Num_Threads");
    blas.get_threads = (get_threads_fn)lib_sym(h, "MKL_Get_Max_Threads");
  }
  blas.error[0] = '\0';
  return 1;
}

/* Opens the BLAS once; 1 when one was found. */
static int load_blas(void) {
  if (blas.tried) {
    return blas.sgemm != NULL;
  }
  blas.tried = 1;
  const char *chosen = getenv("REPLENS_BLAS");
  if (chosen != NULL && chosen[0] != '\0') {
    return try_library(chosen);
  }
  char last[1024] = "";
  for (int i = 0; candidates[i] != NULL; i++) {
    if (try_library(candidates[i])) {
      return 1;
    }
    snprintf(last, sizeof last, "%s", blas.error);
  }
  snprintf(blas.error, sizeof blas.error, "no BLAS found (last: %s)", last);
  return 0;
}

static int blas_threads(void) {
  return blas.get_threads != NULL ? blas.get_threads() : 1;
}

/* C [p, q] row-major = AᵀB, one sgemm. */
static void atb(const float *a, const float *b, int n, int p, int q, float *c) {
  const float one = 1.0f, zero = 0.0f;
  blas.sgemm("N", "T", &q, &p, &n, &one, b, &q, a, &p, &zero, c, &q, 1, 1);
}

/* out [p, q] float64 = Σ over blocks of `block` rows of AᵀB in float32. 0, or -1 out of memory. */
static int atb_blocks(const float *a, const float *b, int n, int p, int q, int block,
                      double *out) {
  size_t size = (size_t)p * (size_t)q;
  float *c = malloc(size * sizeof(float));
  if (c == NULL) {
    return -1;
  }
  memset(out, 0, size * sizeof(double));
  for (int r0 = 0; r0 < n; r0 += block) {
    int rows = n - r0 < block ? n - r0 : block;
    atb(a + (size_t)r0 * (size_t)p, b + (size_t)r0 * (size_t)q, rows, p, q, c);
    for (size_t v = 0; v < size; v++) {
      out[v] += c[v];
    }
  }
  free(c);
  return 0;
}

/* ---- Node-API glue ---- */

#define CHECK(env, call)                                                                       \
  do {                                                                                         \
    if ((call) != napi_ok) {                                                                   \
      napi_throw_error((env), NULL, "replens_blas: " #call " failed");                         \
      return NULL;                                                                             \
    }                                                                                          \
  } while (0)

static napi_value throw_error(napi_env env, const char *kind, const char *message) {
  if (kind[0] == 'R') {
    napi_throw_range_error(env, NULL, message);
  } else if (kind[0] == 'T') {
    napi_throw_type_error(env, NULL, message);
  } else {
    napi_throw_error(env, NULL, message);
  }
  return NULL;
}

/* A Float32Array argument's data and length; 0 when it is not one. */
static int float32_arg(napi_env env, napi_value v, float **data, size_t *length) {
  bool is_typed = false;
  napi_typedarray_type type;
  void *raw = NULL;
  if (napi_is_typedarray(env, v, &is_typed) != napi_ok || !is_typed) {
    return 0;
  }
  if (napi_get_typedarray_info(env, v, &type, length, &raw, NULL, NULL) != napi_ok ||
      type != napi_float32_array) {
    return 0;
  }
  *data = (float *)raw;
  return 1;
}

/* A whole number in [1, INT_MAX] argument; 0 when it is not one. */
static int dim_arg(napi_env env, napi_value v, int *out) {
  double d = 0;
  if (napi_get_value_double(env, v, &d) != napi_ok || !(d >= 1 && d <= INT_MAX) ||
      d != (double)(int)d) {
    return 0;
  }
  *out = (int)d;
  return 1;
}

typedef struct {
  float *a, *b;
  int n, p, q;
} product_args;

/* Reads (a, b, n, p, q) and checks the lengths; NULL after throwing. */
static const char *product_argv(napi_env env, napi_value *argv, product_args *x) {
  size_t la = 0, lb = 0;
  if (!float32_arg(env, argv[0], &x->a, &la) || !float32_arg(env, argv[1], &x->b, &lb)) {
    return "TA and B must be Float32Arrays";
  }
  if (!dim_arg(env, argv[2], &x->n) || !dim_arg(env, argv[3], &x->p) ||
      !dim_arg(env, argv[4], &x->q)) {
    return "Rn, p and q must be whole numbers ≥ 1";
  }
  if (la != (size_t)x->n * (size_t)x->p || lb != (size_t)x->n * (size_t)x->q) {
    return "RA must hold n·p values and B n·q";
  }
  if (!load_blas()) {
    return "Eno BLAS loaded";
  }
  return NULL;
}

static napi_value js_atb(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value argv[6];
  CHECK(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 5) {
    return throw_error(env, "T", "atb(a, b, n, p, q[, out])");
  }
  product_args x;
  const char *bad = product_argv(env, argv, &x);
  if (bad != NULL) {
    return throw_error(env, bad, bad + 1);
  }
  size_t size = (size_t)x.p * (size_t)x.q;
  napi_value out;
  float *c = NULL;
  size_t lc = 0;
  napi_valuetype t = napi_undefined;
  if (argc >= 6) {
    CHECK(env, napi_typeof(env, argv[5], &t));
  }
  if (t != napi_undefined) {
    if (!float32_arg(env, argv[5], &c, &lc) || lc != size) {
      return throw_error(env, "R", "out must be a Float32Array of p·q values");
    }
    out = argv[5];
  } else {
    napi_value buffer;
    void *raw = NULL;
    CHECK(env, napi_create_arraybuffer(env, size * sizeof(float), &raw, &buffer));
    CHECK(env, napi_create_typedarray(env, napi_float32_array, size, buffer, 0, &out));
    c = (float *)raw;
  }
  atb(x.a, x.b, x.n, x.p, x.q, c);
  return out;
}

typedef struct {
  product_args x;
  int block;
  double *out;
  int failed;
  napi_ref refs[3]; /* a, b, the result's buffer: kept alive while the work runs */
  napi_deferred deferred;
  napi_async_work work;
} async_product;

static void async_execute(napi_env env, void *data) {
  (void)env;
  async_product *w = data;
  w->failed = atb_blocks(w->x.a, w->x.b, w->x.n, w->x.p, w->x.q, w->block, w->out) != 0;
}

static void async_complete(napi_env env, napi_status status, void *data) {
  async_product *w = data;
  napi_value buffer = NULL, result = NULL, message = NULL;
  size_t size = (size_t)w->x.p * (size_t)w->x.q;
  napi_get_reference_value(env, w->refs[2], &buffer);
  if (status == napi_ok && !w->failed && buffer != NULL &&
      napi_create_typedarray(env, napi_float64_array, size, buffer, 0, &result) == napi_ok) {
    napi_resolve_deferred(env, w->deferred, result);
  } else {
    napi_create_string_utf8(env, w->failed ? "replens_blas: out of memory" : "replens_blas: failed",
                            NAPI_AUTO_LENGTH, &message);
    napi_create_error(env, NULL, message, &result);
    napi_reject_deferred(env, w->deferred, result);
  }
  for (int k = 0; k < 3; k++) {
    napi_delete_reference(env, w->refs[k]);
  }
  napi_delete_async_work(env, w->work);
  free(w);
}

static napi_value js_atb_async(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value argv[6];
  CHECK(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 6) {
    return throw_error(env, "T", "atbAsync(a, b, n, p, q, block)");
  }
  async_product *w = calloc(1, sizeof *w);
  if (w == NULL) {
    return throw_error(env, "E", "replens_blas: out of memory");
  }
  const char *bad = product_argv(env, argv, &w->x);
  if (bad == NULL && !dim_arg(env, argv[5], &w->block)) {
    bad = "Rblock must be a whole number ≥ 1";
  }
  if (bad != NULL) {
    free(w);
    return throw_error(env, bad, bad + 1);
  }
  napi_value buffer, promise, name;
  void *raw = NULL;
  size_t size = (size_t)w->x.p * (size_t)w->x.q;
  if (napi_create_arraybuffer(env, size * sizeof(double), &raw, &buffer) != napi_ok) {
    free(w);
    return throw_error(env, "E", "replens_blas: out of memory");
  }
  w->out = raw;
  napi_create_reference(env, argv[0], 1, &w->refs[0]);
  napi_create_reference(env, argv[1], 1, &w->refs[1]);
  napi_create_reference(env, buffer, 1, &w->refs[2]);
  CHECK(env, napi_create_promise(env, &w->deferred, &promise));
  CHECK(env, napi_create_string_utf8(env, "replens_blas.atb", NAPI_AUTO_LENGTH, &name));
  CHECK(env, napi_create_async_work(env, NULL, name, async_execute, async_complete, w, &w->work));
  CHECK(env, napi_queue_async_work(env, w->work));
  return promise;
}

static napi_value js_set_threads(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], out;
  int k = 0;
  CHECK(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 1 || !dim_arg(env, argv[0], &k)) {
    return throw_error(env, "R", "setThreads(k): k must be a whole number ≥ 1");
  }
  if (load_blas() && blas.set_threads != NULL) {
    blas.set_threads(k);
  }
  CHECK(env, napi_create_int32(env, load_blas() ? blas_threads() : 0, &out));
  return out;
}

static napi_value string_or_null(napi_env env, const char *s) {
  napi_value v;
  if (s == NULL || s[0] == '\0') {
    napi_get_null(env, &v);
  } else {
    napi_create_string_utf8(env, s, NAPI_AUTO_LENGTH, &v);
  }
  return v;
}

static napi_value js_info(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value out, threads;
  int ok = load_blas();
  CHECK(env, napi_create_object(env, &out));
  CHECK(env, napi_set_named_property(env, out, "library", string_or_null(env, ok ? blas.library : NULL)));
  CHECK(env, napi_set_named_property(env, out, "path", string_or_null(env, ok ? blas.path : NULL)));
  const char *config = ok && blas.get_config != NULL ? blas.get_config() : NULL;
  CHECK(env, napi_set_named_property(env, out, "config", string_or_null(env, config)));
  if (ok) {
    CHECK(env, napi_create_int32(env, blas_threads(), &threads));
  } else {
    CHECK(env, napi_get_null(env, &threads));
  }
  CHECK(env, napi_set_named_property(env, out, "threads", threads));
  CHECK(env, napi_set_named_property(env, out, "error", string_or_null(env, ok ? NULL : blas.error)));
  return out;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
      {"info", NULL, js_info, NULL, NULL, NULL, napi_enumerable, NULL},
      {"setThreads", NULL, js_set_threads, NULL, NULL, NULL, napi_enumerable, NULL},
      {"atb", NULL, js_atb, NULL, NULL, NULL, napi_enumerable, NULL},
      {"atbAsync", NULL, js_atb_async, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  CHECK(env, napi_define_properties(env, exports, sizeof props / sizeof props[0], props));
  return exports;
}

NAPI_MODULE(replens_blas, init)
