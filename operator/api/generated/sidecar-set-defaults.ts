// generated from crds/sidecarset.yaml by scripts/gen-api.ts, do not edit

/**
 * Every `default:` in the CRD schema, by field path ('[]' = each list item, '{}' = each map value),
 * parents before children: the order in which the apiserver applies them.
 */
export const sidecarSetDefaults = {
  "spec.injectionPolicy": "OptIn",
  "spec.containers[].placement": "After",
  "spec.containers[].ports[].protocol": "TCP",
  "spec.nativeSidecars": "Auto",
  "spec.initContainers[].ports[].protocol": "TCP",
  "spec.volumes[].azureDisk.cachingMode": "ReadWrite",
  "spec.volumes[].azureDisk.fsType": "ext4",
  "spec.volumes[].azureDisk.kind": "Shared",
  "spec.volumes[].iscsi.iscsiInterface": "default",
  "spec.volumes[].rbd.keyring": "/etc/ceph/keyring",
  "spec.volumes[].rbd.pool": "rbd",
  "spec.volumes[].rbd.user": "admin",
  "spec.volumes[].scaleIO.fsType": "xfs",
  "spec.volumes[].scaleIO.storageMode": "ThinProvisioned",
  "spec.shareProcessNamespace": true,
  "spec.supportedOS": [
    "linux"
  ],
  "spec.paused": false,
  "spec.updateStrategy": {},
  "spec.updateStrategy.type": "RollingUpdate",
  "spec.updateStrategy.maxUnavailable": 1,
  "spec.updateStrategy.paused": false
} as const;

export type SidecarSetDefaultPath = keyof typeof sidecarSetDefaults;

/** Where the defaults sit, for WithDefaults<ISidecarSet, SidecarSetDefaultShape> (operator/api/with-defaults.ts). */
export type SidecarSetDefaultShape = {
  "properties": {
    "spec": {
      "properties": {
        "injectionPolicy": {
          "defaulted": true
        },
        "containers": {
          "items": {
            "properties": {
              "placement": {
                "defaulted": true
              },
              "ports": {
                "items": {
                  "properties": {
                    "protocol": {
                      "defaulted": true
                    }
                  }
                }
              }
            }
          }
        },
        "nativeSidecars": {
          "defaulted": true
        },
        "initContainers": {
          "items": {
            "properties": {
              "ports": {
                "items": {
                  "properties": {
                    "protocol": {
                      "defaulted": true
                    }
                  }
                }
              }
            }
          }
        },
        "volumes": {
          "items": {
            "properties": {
              "azureDisk": {
                "properties": {
                  "cachingMode": {
                    "defaulted": true
                  },
                  "fsType": {
                    "defaulted": true
                  },
                  "kind": {
                    "defaulted": true
                  }
                }
              },
              "iscsi": {
                "properties": {
                  "iscsiInterface": {
                    "defaulted": true
                  }
                }
              },
              "rbd": {
                "properties": {
                  "keyring": {
                    "defaulted": true
                  },
                  "pool": {
                    "defaulted": true
                  },
                  "user": {
                    "defaulted": true
                  }
                }
              },
              "scaleIO": {
                "properties": {
                  "fsType": {
                    "defaulted": true
                  },
                  "storageMode": {
                    "defaulted": true
                  }
                }
              }
            }
          }
        },
        "shareProcessNamespace": {
          "defaulted": true
        },
        "supportedOS": {
          "defaulted": true
        },
        "paused": {
          "defaulted": true
        },
        "updateStrategy": {
          "defaulted": true,
          "properties": {
            "type": {
              "defaulted": true
            },
            "maxUnavailable": {
              "defaulted": true
            },
            "paused": {
              "defaulted": true
            }
          }
        }
      }
    }
  }
};
