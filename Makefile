# SPDX-License-Identifier: Apache-2.0
# Thin wrapper over CMake: the README's two commands and a few helpers.
BUILD ?= build
CMAKE_FLAGS ?=
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all build demo test deps asan fuzz bench format lint clean golden-update

all: build

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)

build: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

deps:
	scripts/install-deps

# First README command: install what is missing, build, run the main job.
demo: deps
	$(MAKE) build
	scripts/demo

# Second README command: build and run the whole suite through CTest.
test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# The suite again under AddressSanitizer and UBSan.
asan:
	$(MAKE) test BUILD=build-asan CMAKE_FLAGS="-DMDSEC_SANITIZE=address,undefined -DMDSEC_DEBUG_ARENA=ON -DCMAKE_BUILD_TYPE=Debug"

fuzz:
	CC=clang cmake -S . -B build-fuzz -DMDSEC_BUILD_FUZZERS=ON -DMDSEC_BUILD_TESTS=OFF
	cmake --build build-fuzz -j $(JOBS)

bench: build
	bench/run
	bench/run-threats
	BUILD=$(BUILD) bench/run-vulndb

# Rewrite golden files from the current binary; review the diff like code.
golden-update: build
	MDSEC_GOLDEN_UPDATE=1 ctest --test-dir $(BUILD) -R golden --output-on-failure

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

lint:
	tools/lint

clean:
	rm -rf build build-asan build-fuzz
