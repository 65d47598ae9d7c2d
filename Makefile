# Precis: the two commands a new user needs are `make demo` and `make test`.
# Each installs missing system packages (BLAS) first, then builds.

SWIFT ?= swift
BUILD_FLAGS ?= -c release

.PHONY: all demo test test-quick build deps clean install install-check fuzz spark-check

PREFIX ?= /usr/local

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

# The test suite without the tests tagged .slow (corpora, server processes): see the README.
test-quick: deps
	PRECIS_QUICK_TESTS=1 $(SWIFT) test $(BUILD_FLAGS)

# Installs precis (Swift runtime linked statically where the toolchain allows), the shipped
# models, the man page and shell completions under PREFIX (and DESTDIR).
install: deps
	PREFIX="$(PREFIX)" DESTDIR="$(DESTDIR)" SWIFT="$(SWIFT)" bash scripts/install.sh

# Checks an installation: no Swift runtime in `ldd`, the model found from any folder.
install-check:
	bash scripts/check-install.sh "$(DESTDIR)$(PREFIX)"

# libFuzzer targets (Fuzz/, a separate package: never part of build or test).
# Each target runs FUZZ_SECONDS; any crash, leak, timeout or out-of-memory fails.
# `make test` replays the seeds and past crashes (Fuzz/Seeds, Fuzz/Regressions).
FUZZ_SECONDS ?= 60
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) bash Fuzz/run.sh

# The Spark integration (Integrations/spark/): installs Java 17 and PySpark when missing, runs
# distributed training and batch inference in Spark local mode, exits non-zero if a check fails.
# Not part of `make test` (minutes, and a JVM); Benchmarks/run.sh --only spark runs it.
spark-check: deps
	bash Integrations/spark/spark-check.sh

clean:
	rm -rf .build .build-readme
