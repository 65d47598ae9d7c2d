# Precis: the two commands a new user needs are `make demo` and `make test`.
# Each installs missing system packages (BLAS) first, then builds.

SWIFT ?= swift
BUILD_FLAGS ?= -c release

.PHONY: all demo test build deps clean

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
	@bash scripts/check-readme-library.sh
	$(SWIFT) test $(BUILD_FLAGS)

clean:
	rm -rf .build .build-readme
