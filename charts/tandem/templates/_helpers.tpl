{{- define "tandem.name" -}}tandem{{- end -}}

{{- define "tandem.labels" -}}
app.kubernetes.io/name: tandem
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
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
