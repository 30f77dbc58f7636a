# Makefile of the mbc-docs guide.
#
# Everyday targets (LANGUAGE is a code from locale/LINGUAS, or en; default en):
#
#   make all                 Build the website and the e-book of every language, every
#                            core busy (languages build in parallel). Incremental: a second
#                            run with nothing changed rebuilds nothing.
#   make html LANGUAGE=es    Build one language's website into build/html/es/
#                            (its e-book first, so the download link works).
#   make epub LANGUAGE=es    Build one language's e-book: build/epub/es/mbc-guide-es.epub
#   make serve LANGUAGE=es   Serve build/html/ on http://localhost:8000/es/ to read it.
#   make gettext             Extract the English messages into build/gettext/*.pot
#   make update-po           Extract, then merge into every language's catalogs in
#                            locale/<lang>/LC_MESSAGES/ without losing any translation,
#                            and refresh the term hints for translators.
#   make check               The project's checks: term checker over every catalog, ruff,
#                            mypy.
#   make compile             Compile the checker's hot path again (mypyc, see setup.py),
#                            after editing one of its modules: until then it runs as
#                            Python (mbc-docs --version says which).
#   make test                The whole test suite (builds every language as it goes).
#   make clean               Remove build/ (the virtual environment stays).
#
# The Sphinx convention works too: make -e SPHINXOPTS="-D language='de'" html
#
# The first run of any target creates .venv/ and installs the project into it, so a
# fresh machine needs only Python 3.11+ and make.

SHELL := /bin/bash
.DEFAULT_GOAL := html

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SPHINXBUILD := $(BIN)/sphinx-build
# Warnings are errors: a broken reference or catalog never ships silently.
SPHINXOPTS ?= -W --keep-going -q
SOURCEDIR := docs
BUILDDIR := build
NPROC := $(shell nproc 2>/dev/null || echo 2)

# The gettext variable LANGUAGE is often set in desktop environments (en_US:en);
# only a LANGUAGE given on the command line (or with make -e) picks the build language.
ifeq ($(origin LANGUAGE),environment)
  LANGUAGE := en
endif
LANGUAGE ?= en
# make -e SPHINXOPTS="-D language='xx'" html: take the language from SPHINXOPTS.
SPHINXOPTS_LANGUAGE := $(patsubst language=%,%,$(filter language=%,$(subst ',,$(subst ",,$(SPHINXOPTS)))))
ifneq ($(SPHINXOPTS_LANGUAGE),)
  LANGUAGE := $(SPHINXOPTS_LANGUAGE)
endif

# The single list of languages: locale/LINGUAS (plus the English source).
LANGUAGES := $(strip en $(shell sed -e 's/\#.*//' locale/LINGUAS))

.PHONY: all html epub serve gettext update-po check compile test lint clean venv \
        check-language $(addprefix html-,$(LANGUAGES)) $(addprefix epub-,$(LANGUAGES))

venv: $(STAMP)
$(STAMP): pyproject.toml setup.py
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installing mbc-docs and its dependencies into $(VENV)/ ..."
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

check-language:
	@if ! grep -qxF -- "$(LANGUAGE)" <(printf '%s\n' $(LANGUAGES)); then \
	  echo "make: unsupported LANGUAGE '$(LANGUAGE)'; supported: $(LANGUAGES)" >&2; exit 2; fi

html: check-language
	@$(MAKE) --no-print-directory epub-$(LANGUAGE)
	@$(MAKE) --no-print-directory html-$(LANGUAGE)

epub: check-language
	@$(MAKE) --no-print-directory epub-$(LANGUAGE)

# One Sphinx run per language and format, each with its own doctree folder, so they
# can run side by side. The book of a language is always built before its site.
$(addprefix html-,$(LANGUAGES)): html-%: $(STAMP)
	@$(BIN)/mbc-docs build html $* -- $(SPHINXOPTS)

$(addprefix epub-,$(LANGUAGES)): epub-%: $(STAMP)
	@$(BIN)/mbc-docs build epub $* -- $(SPHINXOPTS)

# Every book first (the sites publish all of them), then every site; -j keeps both
# cores busy and -O keeps each build's messages together.
all: $(STAMP)
	@$(MAKE) --no-print-directory -j$(NPROC) -Otarget $(addprefix epub-,$(LANGUAGES))
	@$(MAKE) --no-print-directory -j$(NPROC) -Otarget $(addprefix html-,$(LANGUAGES))
	@echo "Built: $(foreach l,$(LANGUAGES),$(BUILDDIR)/html/$(l)/ )"
	@echo "Books: $(BUILDDIR)/epub/*/mbc-guide-*.epub"

serve: html
	@echo "Serving http://localhost:8000/$(LANGUAGE)/ (Ctrl+C to stop)"
	@$(BIN)/python -m http.server --bind 127.0.0.1 --directory $(BUILDDIR)/html 8000

gettext: $(STAMP)
	@$(SPHINXBUILD) -b gettext -q $(SOURCEDIR) $(BUILDDIR)/gettext

update-po: $(STAMP)
	@$(BIN)/mbc-docs update-po

check: $(STAMP)
	@$(BIN)/mbc-docs check locale
	@$(BIN)/ruff check src tests benchmarks setup.py
	@$(BIN)/mypy src

# The venv's install compiles too (pip install -e . runs setup.py); this only redoes it.
compile: $(STAMP)
	@$(BIN)/python -m pip install --quiet --no-deps -e .
	@$(BIN)/mbc-docs --version

lint: check

test: $(STAMP)
	@$(BIN)/python -m pytest

clean:
	rm -rf $(BUILDDIR)
