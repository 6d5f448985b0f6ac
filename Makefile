# Top-level entry points for danvan (GNU make): build, demo, test, bench, fuzz, pot, clean.
# Each target installs the Debian/npm packages it needs first (scripts/install-deps.sh,
# idempotent: apt-get runs only when something is missing). CMake does the real build.

JOBS     ?= 2
DEMO_DB  ?= ./danvan.db
DEMO_LISTEN ?= 127.0.0.1:8080

.PHONY: all build demo test test-pg test-build faults-build bench fuzz faults soak tsan coverage pot clean help

all: build

help:
	@echo "make demo    build and serve the demo province on http://$(DEMO_LISTEN)"
	@echo "make test    sanitized build, unit + HTTP + browser tests, one summary line"
	@echo "make build   release build into build/"
	@echo "make bench   release build, then bench/run.sh (loopback only)"
	@echo "make fuzz    build (and briefly run) the libFuzzer targets of fuzz/ in build-fuzz/"
	@echo "make faults  build-faults/ (src/db fails the Nth step/commit/fsync on request), then tests/http/faults.test.mjs"
	@echo "make soak    release build, 10 min mixed load + backup, 100 kill -9 cycles, sqlmap (SOAK_SECONDS, SOAK_CYCLES, SQLMAP_SECONDS)"
	@echo "make tsan    ThreadSanitizer build (build-tsan/) under the HTTP suite"
	@echo "make coverage  gcov build (build-cov/), every test, then the line figure for src/ (gcovr)"
	@echo "make pot     refresh po/ from the sources (scripts/po-update.sh)"
	@echo "make clean   remove the build directories (keeps $(DEMO_DB))"

# --- release build: build/danvan
build:
	scripts/install-deps.sh build
	cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DDANVAN_TESTS=OFF
	cmake --build build -j$(JOBS)

demo: build
	./build/danvan demo --db $(DEMO_DB) --listen $(DEMO_LISTEN)

# --- tests: ASan+UBSan debug build in build-test/, then scripts/run-tests.sh
test-build:
	cmake -S . -B build-test -DDANVAN_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
	cmake --build build-test -j$(JOBS)

# The fault-injection build too: tests/http/faults.test.mjs walks every write path with it.
faults-build:
	cmake -S . -B build-faults -DDANVAN_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug -DDANVAN_TESTS=OFF -DDANVAN_FAULTS=ON
	cmake --build build-faults -j$(JOBS) --target danvan

test:
	scripts/install-deps.sh test
	$(MAKE) --no-print-directory test-build
	$(MAKE) --no-print-directory faults-build
	scripts/run-tests.sh

# the same suite, then all of it again on a throwaway PostgreSQL, the browser tests too
test-pg:
	scripts/install-deps.sh test
	$(MAKE) --no-print-directory test-build
	$(MAKE) --no-print-directory faults-build
	DANVAN_TEST_PG=1 DANVAN_TEST_PG_E2E=1 scripts/run-tests.sh

# --- benchmarks: printed, never asserted
bench:
	scripts/install-deps.sh bench
	$(MAKE) --no-print-directory build
	bench/run.sh

# --- fuzzing: every fuzz/fuzz_*.c defines LLVMFuzzerTestOneInput. fuzz/build.sh, when
# present, builds and runs them (bounded by FUZZ_SECONDS); otherwise each target is linked
# with the whole library built by clang with ASan+UBSan and fuzzer instrumentation.
FUZZ_SRCS := $(wildcard fuzz/fuzz_*.c)

fuzz:  # FUZZ_SECONDS per target (default 30), one target at a time
ifeq ($(FUZZ_SRCS),)
	@echo "no fuzz targets yet"
else ifneq ($(wildcard fuzz/build.sh),)
	scripts/install-deps.sh fuzz
	sh fuzz/build.sh build-fuzz
else
	scripts/install-deps.sh fuzz
	CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DDANVAN_SANITIZE=ON \
	  -DDANVAN_TESTS=OFF -DCMAKE_C_FLAGS=-fsanitize=fuzzer-no-link
	cmake --build build-fuzz -j$(JOBS) --target danvan_lib
	@for src in $(FUZZ_SRCS); do \
	  out=build-fuzz/$$(basename $$src .c); echo "CC $$out"; \
	  clang -std=c11 -g -O1 -D_GNU_SOURCE -Wall -Wextra -Werror \
	    -fsanitize=fuzzer,address,undefined -Isrc -Ibuild-fuzz/gen $$src \
	    build-fuzz/libdanvan_lib.a $$(pkg-config --libs libmicrohttpd sqlite3 libsodium jansson libutf8proc) \
	    -lpthread -lm -o $$out || exit 1; \
	done
	@echo "run one with: build-fuzz/fuzz_NAME -max_total_time=60 [corpus dir]"
endif

# --- fault injection: src/db built with -DDANVAN_FAULTS (src/db/db_fault.c); not in make test
faults:
	scripts/install-deps.sh test
	$(MAKE) --no-print-directory faults-build
	DANVAN_FAULTS_BIN=$(CURDIR)/build-faults/danvan LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	  ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=86 node --test tests/http/faults.test.mjs

# --- long runs (issue 17): soak, ThreadSanitizer, coverage
soak:
	scripts/install-deps.sh test
	command -v sqlmap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends sqlmap
	$(MAKE) --no-print-directory build
	scripts/soak.sh

tsan:
	scripts/install-deps.sh test
	cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=Debug -DDANVAN_TESTS=OFF -DDANVAN_FAULTS=ON \
	  "-DCMAKE_C_FLAGS=-fsanitize=thread -O1 -g" -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread
	cmake --build build-tsan -j$(JOBS) --target danvan
	# every file of tests/http, the fault walk too (the faults build injects nothing unless asked)
	DANVAN_BIN=$(CURDIR)/build-tsan/danvan DANVAN_FAULTS_BIN=$(CURDIR)/build-tsan/danvan \
	  TSAN_OPTIONS="halt_on_error=0 exitcode=66 suppressions=$(CURDIR)/tests/tsan.supp" \
	  ASAN_OPTIONS= LSAN_OPTIONS= node --test --test-concurrency=1 --test-timeout=600000 tests/http/*.test.mjs

coverage:
	scripts/install-deps.sh test
	command -v gcovr >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends gcovr
	cmake -S . -B build-cov -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_C_FLAGS=--coverage -O0" -DCMAKE_EXE_LINKER_FLAGS=--coverage
	cmake --build build-cov -j$(JOBS)
	find build-cov -name '*.gcda' -delete
	BUILD_DIR=build-cov ASAN_OPTIONS= LSAN_OPTIONS= scripts/run-tests.sh || true
	scripts/coverage.sh build-cov

pot:
	scripts/po-update.sh

clean:
	rm -rf build build-test build-fuzz build-faults build-tsan build-cov
