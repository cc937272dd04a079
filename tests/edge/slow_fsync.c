/* An LD_PRELOAD shim for edge-slow-disk (tests/edge/test_slow_disk.py): fsync and fdatasync
   sleep TAILOR_FSYNC_DELAY_MS milliseconds, then do the real call, as on a slow disk. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <time.h>

static void slow(void) {
  const char* ms = getenv("TAILOR_FSYNC_DELAY_MS");
  long n = ms ? atol(ms) : 0;
  struct timespec t = {n / 1000, (n % 1000) * 1000000L};
  while (n > 0 && nanosleep(&t, &t) != 0) {
  }
}

int fsync(int fd) {
  static int (*real)(int);
  if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
  slow();
  return real(fd);
}

int fdatasync(int fd) {
  static int (*real)(int);
  if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
  slow();
  return real(fd);
}
