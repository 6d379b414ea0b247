# KlimaNetze make façade. The two set-up commands:
#   make run   install what is missing, build (release), seed the Musterstadt demo into SQLite and
#              start the survey/admin server on http://127.0.0.1:8080 (URLs and login printed)
#   make test  install what is missing, build (ci preset: warnings are errors) and run every tier
# More: make report | build | dev | asan | fuzz | bench | format | tidy | clean
#   make report  the Musterstadt city report (German and English HTML, xlsx, and PDF when
#                Chromium is installed) into build/demo/, from the same demo database as make run
JOBS ?= $(shell nproc)
FUZZ_SECONDS ?= 20

.PHONY: run report test build dev asan fuzz bench format format-check tidy clean deps deps-test

deps:
	@scripts/install-deps.sh build

deps-test:
	@scripts/install-deps.sh test

build: deps
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS)

PORT ?= 8080
run: build
	@mkdir -p build/demo
	./build/release/klimanetze demo -o build/demo/musterstadt.json
	./build/release/klimanetze serve --db build/demo/musterstadt.db --demo --port $(PORT)

report: build
	@mkdir -p build/demo
	./build/release/klimanetze report --db build/demo/musterstadt.db --demo --lang de -o build/demo/musterstadt-bericht.html
	./build/release/klimanetze report --db build/demo/musterstadt.db --demo --lang en -o build/demo/musterstadt-report.html
	./build/release/klimanetze report --db build/demo/musterstadt.db --demo --lang de -o build/demo/musterstadt-bericht.xlsx
	@if command -v chromium >/dev/null 2>&1; then \
	  ./build/release/klimanetze report --db build/demo/musterstadt.db --demo --lang de -o build/demo/musterstadt-bericht.pdf; \
	else echo "PDF skipped: install the Debian package chromium (apt-get install chromium)"; fi

test: deps-test format-check
	cmake --preset ci >/dev/null
	cmake --build --preset ci -j $(JOBS)
	tests/fuzz/run_fuzz.sh $(FUZZ_SECONDS)
	scripts/with-postgres.sh ctest --preset ci

dev: deps-test
	cmake --preset dev >/dev/null
	cmake --build --preset dev -j $(JOBS)
	ctest --preset dev

asan: deps-test
	cmake --preset asan-ubsan >/dev/null
	cmake --build --preset asan-ubsan -j $(JOBS)
	ctest --preset asan-ubsan

fuzz: deps-test
	tests/fuzz/run_fuzz.sh $(FUZZ_SECONDS)

bench:
	@scripts/install-deps.sh bench
	bench/compare_peers.sh

format:
	find src tests bench \( -name '*.cpp' -o -name '*.hpp' \) -print0 | xargs -0 clang-format -i

format-check:
	@find src tests bench \( -name '*.cpp' -o -name '*.hpp' \) -print0 | xargs -0 clang-format --dry-run --Werror \
	  || { echo "clang-format: run 'make format'"; exit 1; }

tidy:
	cmake --preset dev >/dev/null
	run-clang-tidy -p build/dev -quiet 'src/.*\.cpp$$'

clean:
	rm -rf build
