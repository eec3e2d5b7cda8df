# The two commands: `make demo` and `make test`. Both install what is missing first.
BUILD_DIR ?= build
LLVM_MAJOR ?= 19

.PHONY: demo test deps build bench lint

demo: build
	@scripts/demo.sh $(BUILD_DIR)

test: build
	@cmake --build $(BUILD_DIR) --target check

deps:
	@scripts/install-deps.sh $(LLVM_MAJOR)

build: deps
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCOROLINT_LLVM_MAJOR=$(LLVM_MAJOR) \
	  -DCMAKE_CXX_COMPILER=clang++-$(LLVM_MAJOR) >/dev/null
	@cmake --build $(BUILD_DIR)

bench: build
	@bench/lint-overhead $(BUILD_DIR)

lint: build
	@scripts/lint-self.sh $(BUILD_DIR)
