# The two commands a newcomer needs (README.md): `make demo` and `make test`.
# Everything here is a thin wrapper over scripts/ and CMake.
PREFIX ?= /usr/local
JOBS ?= $(shell nproc)
GENERATOR := $(shell command -v ninja >/dev/null 2>&1 && echo "-G Ninja")
BUILD ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60

.PHONY: all deps build demo test test-unit test-asan fuzz bench install golden clean

all: build

# Debian packages (only the missing ones) and the pinned tree-sitter-python grammar sources.
deps:
	@scripts/install-deps.sh
	@scripts/fetch-grammar.sh

$(BUILD)/build.ninja $(BUILD)/Makefile:
	cmake -S . -B $(BUILD) $(GENERATOR) -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

# The main job on the bundled examples.
demo: build
	@scripts/demo.sh $(BUILD)/restack-gen

# The plain optimised build's tests (quick check while developing).
test-unit: build
	cd $(BUILD) && ctest -j $(JOBS) --output-on-failure

# `make test` (and CI): ONE build with AddressSanitizer + UBSan, every test in it. One sanitized
# build instead of a plain one plus a sanitized one is what keeps a clean `make test` within 10
# minutes on 2 cores. Measured per file: ASan at -O1 costs twice the compile time of -O0;
# -g1 gives line numbers in sanitizer reports without the cost of full debug info.
# Each module and test binary compiles as ONE unity batch here (up to 32 files): the inline and
# template code its files share is generated once instead of once per batch of 8, about a third
# less compile CPU per module (spec 99 -> 63 s, template 103 -> 70 s, llm 83 -> 56 s under ASan).
# Builds for editing keep batches of 8, so a change recompiles less.
test-asan: deps
	cmake -S . -B $(ASAN_BUILD) $(GENERATOR) -DCMAKE_BUILD_TYPE=Debug -DRESTACK_SANITIZE=ON \
	  "-DCMAKE_CXX_FLAGS_DEBUG=-O0 -g1" "-DCMAKE_C_FLAGS_DEBUG=-O0 -g1" -DRESTACK_UNITY_BATCH=32
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest -j $(JOBS) --output-on-failure

# The LLM client against the real Cerebras API (docs/llm.md); needs CEREBRAS_API_KEY.
.PHONY: test-live
test-live: $(BUILD)/build.ninja
	@if [ -z "$$CEREBRAS_API_KEY" ]; then \
	  echo "test-live: skipped (set CEREBRAS_API_KEY to run the live Cerebras test)"; \
	else \
	  cmake --build $(BUILD) -j $(JOBS) --target llm_tests && \
	  RESTACK_GEN_LIVE=1 $(BUILD)/tests/llm_tests --gtest_filter='Live*'; \
	fi

# Every test, under AddressSanitizer and UBSan.
test: test-asan

fuzz: deps
	CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD) $(GENERATOR) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DRESTACK_FUZZ=ON -DRESTACK_TESTS=OFF
	cmake --build $(FUZZ_BUILD) -j $(JOBS)
	@scripts/run-fuzzers.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

bench: build
	@bench/run.sh $(BUILD)

install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

# Regenerates tests/golden/ from examples/ for review (git diff shows what changed).
golden: build
	@scripts/update-golden.sh $(BUILD)/restack-gen

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
