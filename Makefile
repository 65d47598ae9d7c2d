# Precis: the two commands a new user needs are `make demo` and `make test`.
# Each installs missing system packages (BLAS) first, then builds.

SWIFT ?= swift
BUILD_FLAGS ?= -c release

.PHONY: all demo test build deps clean fuzz

all: build

deps:
	@bash scripts/ensure-system-deps.sh

build: deps
	$(SWIFT) build $(BUILD_FLAGS) --product precis

# The main job on the embedded defaults.
demo: build
	@bash scripts/demo.sh

# The whole test suite (release mode: the corpus tests train real models).
test: deps
	$(SWIFT) build $(BUILD_FLAGS) --product precis
	$(SWIFT) test $(BUILD_FLAGS)

# libFuzzer targets (Fuzz/, a separate package: never part of build or test).
# Each target runs FUZZ_SECONDS; any crash, leak, timeout or out-of-memory fails.
# `make test` replays the seeds and past crashes (Fuzz/Seeds, Fuzz/Regressions).
FUZZ_SECONDS ?= 60
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) bash Fuzz/run.sh

clean:
	rm -rf .build
