{{- define "tandem.name" -}}tandem{{- end -}}

{{- define "tandem.labels" -}}
app.kubernetes.io/name: tandem
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- /* A label value: no "+" (SemVer build metadata), at most 63 characters. */}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end -}}

{{- define "tandem.selectorLabels" -}}
app.kubernetes.io/name: tandem
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "tandem.fullname" -}}{{ .Release.Name }}{{- end -}}

{{- /* The Service the apiserver calls; its DNS names go into the serving certificate. */ -}}
{{- define "tandem.webhookService" -}}{{ include "tandem.fullname" . }}-webhook{{- end -}}

{{- define "tandem.serviceAccount" -}}{{ include "tandem.fullname" . }}{{- end -}}

{{- define "tandem.image" -}}{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}{{- end -}}

{{- define "tandem.certificateMode" -}}
{{- $mode := .Values.certificates.mode -}}
{{- if not (has $mode (list "self-managed" "cert-manager" "provided")) -}}
{{- fail (printf "certificates.mode must be self-managed, cert-manager or provided (got %q)" $mode) -}}
{{- end -}}
{{- if and (eq $mode "provided") (not .Values.webhook.caBundle) -}}
{{- fail "certificates.mode=provided needs webhook.caBundle: the CA that signed the certificate in certificates.secretName" -}}
{{- end -}}
{{- $mode -}}
{{- end -}}

{{- /*
What values.schema.json cannot say: rules between values. Rendered by the
Deployment, so every install, upgrade and template checks them.
*/ -}}
{{- define "tandem.validate" -}}
{{- if and .Values.metrics.enabled (eq (int .Values.metrics.port) (int .Values.webhook.port)) -}}
{{- fail (printf "metrics.port and webhook.port must differ (both are %v)" .Values.metrics.port) -}}
{{- end -}}
{{- if le (float64 .Values.terminationGracePeriodSeconds) (addf .Values.shutdown.delaySeconds 10) -}}
{{- fail (printf "terminationGracePeriodSeconds (%v) must exceed shutdown.delaySeconds (%v) + 10 s of grace for requests in flight" .Values.terminationGracePeriodSeconds .Values.shutdown.delaySeconds) -}}
{{- end -}}
{{- end -}}
