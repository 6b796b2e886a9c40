# Two commands do all the set-up on a fresh clone: `make report` and `make test`.
VENV   ?= .venv
PYTHON ?= python3
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
EXTRAS ?= dev,faiss,ray

export HF_HUB_OFFLINE = 1
export TOKENIZERS_PARALLELISM = false

.PHONY: install report test clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[$(EXTRAS)]'
	touch $(STAMP)

report: $(STAMP)
	$(BIN)/topics report seeds/ --out artifacts/report

test: $(STAMP)
	$(BIN)/python -m pytest -q

clean:
	rm -rf artifacts/cache artifacts/report
