# The two commands: `make demo` and `make test`. Both install what is missing first.
BUILD_DIR ?= build
LLVM_MAJOR ?= 19

.PHONY: demo test deps build bench lint stress test-realworld realworld-deps

demo: build
	@scripts/demo.sh $(BUILD_DIR)

test: build
	@cmake --build $(BUILD_DIR) --target check

# Not part of `test`: the runtime's tests, N shuffled passes, release and under
# ThreadSanitizer, with HOGS busy loops per core (scripts/stress-tests.sh).
N ?= 20
HOGS ?= 2
stress: deps
	@scripts/stress-tests.sh -n $(N) -H $(HOGS) $(BUILD_DIR) clang++-$(LLVM_MAJOR)

deps:
	@scripts/install-deps.sh $(LLVM_MAJOR)

# Lints real coroutine code (Debian's Boost.Asio, asio and QCoro examples, the
# runtime) and compares with the reviewed findings; UPDATE=1 rewrites them.
REALWORLD_JOBS ?= $(shell nproc)
test-realworld: build realworld-deps
	@python3 test/realworld/test_realworld.py
	@test/realworld/realworld.py --config test/realworld/corpora.json \
	  --build $(BUILD_DIR) --jobs $(REALWORLD_JOBS) $(if $(UPDATE),--update)

realworld-deps:
	@scripts/install-deps.sh $(LLVM_MAJOR) realworld

build: deps
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCOROLINT_LLVM_MAJOR=$(LLVM_MAJOR) \
	  -DCMAKE_CXX_COMPILER=clang++-$(LLVM_MAJOR) >/dev/null
	@cmake --build $(BUILD_DIR)

bench: build
	@bench/lint-overhead $(BUILD_DIR)

lint: build
	@scripts/lint-self.sh $(BUILD_DIR)
