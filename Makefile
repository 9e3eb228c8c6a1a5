# Thin wrapper: every target delegates to npm scripts or test/cluster/ scripts,
# always through scripts/node-env.sh so the pinned Node 24 is used.
SHELL := /usr/bin/env bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
NODE_ENV_SH := source scripts/node-env.sh
STAMP := node_modules/.tandem-installed

.PHONY: help setup gen verify lint typecheck gen-check test test-unit test-integration demo demo-cluster demo-down demo-offline cluster-up cluster-down bench-webhook bench-controller bench-reloader bench-cli bench-admission bench-peers bench-load image image-stage

help: ## Show this help
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  \033[36m%-18s\033[0m %s\n", $$1, $$2}'

# npm ci empties node_modules/.cache, so the fast CLI bin/tandem starts is built again
# here (bin/tandem would build it on first use and rebuilds it when its sources change).
$(STAMP): package.json package-lock.json scripts/node-env.sh
	@$(NODE_ENV_SH) && npm ci --no-audit --no-fund && node scripts/bundle.ts --checkout && touch $(STAMP)

setup: $(STAMP) ## Fetch Node 24 if needed, install dependencies, build the fast CLI bin/tandem runs

gen: setup ## Regenerate types, validators, chart CRDs, docs/api-reference.md, docs outputs, deploy/ and the chart README's values table
	@$(NODE_ENV_SH) && npm run gen && npm run deploy:render

gen-check: setup ## Fail when generated files (types, validators, chart CRD, API reference, docs outputs, deploy/, chart README values) drifted from their sources
	@$(NODE_ENV_SH) && npm run gen:check && npm run deploy:check

lint: setup ## eslint
	@$(NODE_ENV_SH) && npm run lint

typecheck: setup ## tsc --noEmit
	@$(NODE_ENV_SH) && npm run typecheck

test-unit: setup ## Unit and golden tests
	@$(NODE_ENV_SH) && npm run test:unit

test-integration: setup ## Integration and e2e tests on the local control plane (built on first use)
	@$(NODE_ENV_SH) && npm run test:integration

test: setup ## Every test: unit, golden, integration, e2e
	@$(NODE_ENV_SH) && npm run test:unit && npm run test:integration

verify: lint typecheck gen-check test ## lint + typecheck + drift checks + all tests

demo: demo-cluster ## The main job: the demo on the local cluster (built on first use)

demo-cluster: setup ## Local cluster + tandem webhook + example SidecarSets and workloads; shows an injected pod
	@$(NODE_ENV_SH) && bash scripts/demo-cluster.sh up

demo-down: ## Stop the demo webhook (by its PID), then the local cluster
	@bash scripts/demo-cluster.sh down

demo-offline: setup ## Inject the example workloads offline and show the result
	@$(NODE_ENV_SH) && bash scripts/demo-offline.sh

cluster-up: setup ## Start the local cluster: control plane, kwok nodes and, as root, a real node (builds it on first use)
	@$(NODE_ENV_SH) && bash test/cluster/up.sh

cluster-down: ## Stop the local control plane
	@bash test/cluster/down.sh

bench-webhook: setup ## Webhook throughput/latency vs a bare HTTPS ceiling
	@$(NODE_ENV_SH) && npm run bench:webhook

bench-controller: setup ## Controller on 5,000 kwok pods: status latency, rollout, RSS (brings the local cluster up if it is not running)
	@$(NODE_ENV_SH) && npm run bench:controller

bench-reloader: setup ## Reloader with real nginx: change-to-serve latency, idle RSS and CPU
	@$(NODE_ENV_SH) && npm run bench:reloader

bench-cli: setup ## CLI start-up: bin/tandem inject/explain/--help/--version against node -e 0 (wall, RSS)
	@$(NODE_ENV_SH) && npm run bench:cli

bench-admission: setup ## Pod creation through the local apiserver: no webhook, a canned webhook, tandem webhook
	@$(NODE_ENV_SH) && npm run bench:admission

bench-peers: setup ## Istio's injector and OpenKruise's pod webhook (built from the Go module proxy) against Tandem, same review
	@$(NODE_ENV_SH) && npm run bench:peers

bench-load: setup ## 60 s of pod creation at 50/s through the apiserver, two replicas, failurePolicy Fail: steady, a replica restarted, certificates rotating
	@$(NODE_ENV_SH) && npm run bench:load

image: setup ## Build Tandem's image as an OCI archive, without Docker (ghcr.io/tandem-dev/tandem:<version>); says how to load it
	@$(NODE_ENV_SH) && json="$$(node scripts/build-image.ts tandem)" \
	  && field() { node -p 'JSON.parse(process.argv[1])[process.argv[2]]' "$$json" "$$1"; } \
	  && ref="$$(field ref)" && digest="$$(field digest)" && archive="$$(field archive)" \
	  && printf '\n%s\n  digest  %s\n  archive %s\n\n' "$$ref" "$$digest" "$$archive" \
	  && printf 'Load it (docs/operating.md, "The image"):\n  ctr -n k8s.io images import %s\n  kind load image-archive %s --name tandem\n  docker load -i %s\n' "$$archive" "$$archive" "$$archive" \
	  && printf 'then: helm install tandem charts/tandem -n tandem-system --create-namespace --set image.pullPolicy=Never\n'

image-stage: image ## Old name of `make image`
