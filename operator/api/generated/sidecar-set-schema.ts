// generated from crds/sidecarset.yaml by scripts/gen-api.ts, do not edit
import type { StructuralSchema } from '../structural-schema.ts';

/** openAPIV3Schema of the SidecarSet CRD, without descriptions and x-kubernetes-validations (see validation-rules.ts). */
export const sidecarSetSchema: StructuralSchema = {
  "type": "object",
  "required": [
    "spec"
  ],
  "properties": {
    "apiVersion": {
      "type": "string"
    },
    "kind": {
      "type": "string"
    },
    "metadata": {
      "type": "object"
    },
    "spec": {
      "type": "object",
      "required": [
        "selector"
      ],
      "properties": {
        "selector": {
          "type": "object",
          "x-kubernetes-map-type": "atomic",
          "properties": {
            "matchExpressions": {
              "type": "array",
              "maxItems": 32,
              "x-kubernetes-list-type": "atomic",
              "items": {
                "type": "object",
                "required": [
                  "key",
                  "operator"
                ],
                "properties": {
                  "key": {
                    "type": "string"
                  },
                  "operator": {
                    "type": "string",
                    "enum": [
                      "In",
                      "NotIn",
                      "Exists",
                      "DoesNotExist"
                    ]
                  },
                  "values": {
                    "type": "array",
                    "x-kubernetes-list-type": "atomic",
                    "items": {
                      "type": "string"
                    }
                  }
                }
              }
            },
            "matchLabels": {
              "type": "object",
              "additionalProperties": {
                "type": "string"
              }
            }
          }
        },
        "namespaceSelector": {
          "type": "object",
          "x-kubernetes-map-type": "atomic",
          "properties": {
            "matchExpressions": {
              "type": "array",
              "maxItems": 32,
              "x-kubernetes-list-type": "atomic",
              "items": {
                "type": "object",
                "required": [
                  "key",
                  "operator"
                ],
                "properties": {
                  "key": {
                    "type": "string"
                  },
                  "operator": {
                    "type": "string",
                    "enum": [
                      "In",
                      "NotIn",
                      "Exists",
                      "DoesNotExist"
                    ]
                  },
                  "values": {
                    "type": "array",
                    "x-kubernetes-list-type": "atomic",
                    "items": {
                      "type": "string"
                    }
                  }
                }
              }
            },
            "matchLabels": {
              "type": "object",
              "additionalProperties": {
                "type": "string"
              }
            }
          }
        },
        "injectionPolicy": {
          "type": "string",
          "enum": [
            "OptIn",
            "Always"
          ],
          "default": "OptIn"
        },
        "containers": {
          "type": "array",
          "maxItems": 32,
          "items": {
            "type": "object",
            "required": [
              "name"
            ],
            "properties": {
              "args": {
                "type": "array",
                "x-kubernetes-list-type": "atomic",
                "items": {
                  "type": "string"
                }
              },
              "command": {
                "type": "array",
                "x-kubernetes-list-type": "atomic",
                "items": {
                  "type": "string"
                }
              },
              "env": {
                "type": "array",
                "x-kubernetes-list-type": "map",
                "x-kubernetes-list-map-keys": [
                  "name"
                ],
                "items": {
                  "type": "object",
                  "required": [
                    "name"
                  ],
                  "properties": {
                    "name": {
                      "type": "string"
                    },
                    "value": {
                      "type": "string"
                    },
                    "valueFrom": {
                      "type": "object",
                      "properties": {
                        "configMapKeyRef": {
                          "type": "object",
                          "x-kubernetes-map-type": "atomic",
                          "required": [
                            "key"
                          ],
                          "properties": {
                            "key": {
                              "type": "string"
                            },
                            "name": {
                              "type": "string"
                            },
                            "optional": {
                              "type": "boolean"
                            }
                          }
                        },
                        "fieldRef": {
                          "type": "object",
                          "x-kubernetes-map-type": "atomic",
                          "required": [
                            "fieldPath"
                          ],
                          "properties": {
                            "apiVersion": {
                              "type": "string"
                            },
                            "fieldPath": {
                              "type": "string"
                            }
                          }
                        },
                        "fileKeyRef": {
                          "type": "object",
                          "x-kubernetes-map-type": "atomic",
                          "required": [
                            "volumeName",
                            "path",
                            "key"
                          ],
                          "properties": {
                            "key": {
                              "type": "string"
                            },
                            "optional": {
                              "type": "boolean"
                            },
                            "path": {
                              "type": "string"
                            },
                            "volumeName": {
                              "type": "string"
                            }
                          }
                        },
                        "resourceFieldRef": {
                          "type": "object",
                          "x-kubernetes-map-type": "atomic",
                          "required": [
                            "resource"
                          ],
                          "properties": {
                            "containerName": {
                              "type": "string"
                            },
                            "divisor": {
                              "pattern": "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$",
                              "x-kubernetes-int-or-string": true,
                              "anyOf": [
                                {
                                  "type": "integer"
                                },
                                {
                                  "type": "string"
                                }
                              ]
                            },
                            "resource": {
                              "type": "string"
                            }
                          }
                        },
                        "secretKeyRef": {
                          "type": "object",
                          "x-kubernetes-map-type": "atomic",
                          "required": [
                            "key"
                          ],
                          "properties": {
                            "key": {
                              "type": "string"
                            },
                            "name": {
                              "type": "string"
                            },
                            "optional": {
                              "type": "boolean"
                            }
                          }
                        }
                      }
                    }
                  }
                }
              },
              "envFrom": {
                "type": "array",
                "x-kubernetes-list-type": "atomic",
                "items": {
                  "type": "object",
                  "properties": {
                    "configMapRef": {
                      "type": "object",
                      "properties": {
                        "name": {
                          "type": "string"
                        },
                        "optional": {
                          "type": "boolean"
                        }
                      }
                    },
                    "prefix": {
                      "type": "string"
                    },
                    "secretRef": {
                      "type": "object",
                      "properties": {
                        "name": {
                          "type": "string"
                        },
                        "optional": {
                          "type": "boolean"
                        }
                      }
                    }
                  }
                }
              },
              "image": {
                "type": "string"
              },
              "imagePullPolicy": {
                "type": "string"
              },
              "lifecycle": {
                "type": "object",
                "properties": {
                  "postStart": {
                    "type": "object",
                    "properties": {
                      "exec": {
                        "type": "object",
                        "properties": {
                          "command": {
                            "type": "array",
                            "x-kubernetes-list-type": "atomic",
                            "items": {
                              "type": "string"
                            }
                          }
                        }
                      },
                      "httpGet": {
                        "type": "object",
                        "required": [
                          "port"
                        ],
                        "properties": {
                          "host": {
                            "type": "string"
                          },
                          "httpHeaders": {
                            "type": "array",
                            "x-kubernetes-list-type": "atomic",
                            "items": {
                              "type": "object",
                              "required": [
                                "name",
                                "value"
                              ],
                              "properties": {
                                "name": {
                                  "type": "string"
                                },
                                "value": {
                                  "type": "string"
                                }
                              }
                            }
                          },
                          "path": {
                            "type": "string"
                          },
                          "port": {
                            "x-kubernetes-int-or-string": true,
                            "anyOf": [
                              {
                                "type": "integer"
                              },
                              {
                                "type": "string"
                              }
                            ]
                          },
                          "scheme": {
                            "type": "string"
                          }
                        }
                      },
                      "sleep": {
                        "type": "object",
                        "required": [
                          "seconds"
                        ],
                        "properties": {
                          "seconds": {
                            "type": "integer",
                            "format": "int64"
                          }
                        }
                      },
                      "tcpSocket": {
                        "type": "object",
                        "required": [
                          "port"
                        ],
                        "properties": {
                          "host": {
                            "type": "string"
                          },
                          "port": {
                            "x-kubernetes-int-or-string": true,
                            "anyOf": [
                              {
                                "type": "integer"
                              },
                              {
                                "type": "string"
                              }
                            ]
                          }
                        }
                      }
                    }
                  },
                  "preStop": {
                    "type": "object",
                    "properties": {
                      "exec": {
                        "type": "object",
                        "properties": {
                          "command": {
                            "type": "array",
                            "x-kubernetes-list-type": "atomic",
                            "items": {
                              "type": "string"
                            }
                          }
                        }
                      },
                      "httpGet": {
                        "type": "object",
                        "required": [
                          "port"
                        ],
                        "properties": {
                          "host": {
                            "type": "string"
                          },
                          "httpHeaders": {
                            "type": "array",
                            "x-kubernetes-list-type": "atomic",
                            "items": {
                              "type": "object",
                              "required": [
                                "name",
                                "value"
                              ],
                              "properties": {
                                "name": {
                                  "type": "string"
                                },
                                "value": {
                                  "type": "string"
                                }
                              }
                            }
                          },
                          "path": {
                            "type": "string"
                          },
                          "port": {
                            "x-kubernetes-int-or-string": true,
                            "anyOf": [
                              {
                                "type": "integer"
                              },
                              {
                                "type": "string"
                              }
                            ]
                          },
                          "scheme": {
                            "type": "string"
                          }
                        }
                      },
                      "sleep": {
                        "type": "object",
                        "required": [
                          "seconds"
                        ],
                        "properties": {
                          "seconds": {
                            "type": "integer",
                            "format": "int64"
                          }
                        }
                      },
                      "tcpSocket": {
                        "type": "object",
                        "required": [
                          "port"
                        ],
                        "properties": {
                          "host": {
                            "type": "string"
                          },
                          "port": {
                            "x-kubernetes-int-or-string": true,
                            "anyOf": [
                              {
                                "type": "integer"
                              },
                              {
                                "type": "string"
                              }
                            ]
                          }
                        }
                      }
                    }
                  },
                  "stopSignal": {
                    "type": "string"
                  }
                }
              },
              "livenessProbe": {
                "type": "object",
                "properties": {
                  "exec": {
                    "type": "object",
                    "properties": {
                      "command": {
                        "type": "array",
                        "x-kubernetes-list-type": "atomic",
                        "items": {
                          "type": "string"
                        }
                      }
                    }
                  },
                  "failureThreshold": {
                    "type": "integer",
                    "format": "int32"
                  },
                  "grpc": {
                    "type": "object",
                    "required": [
                      "port"
                    ],
                    "properties": {
                      "port": {
                        "type": "integer",
                        "format": "int32"
                      },
                      "service": {
                        "type": "string"
                      }
                    }
                  },
                  "httpGet": {
                    "type": "object",
                    "required": [
                      "port"
                    ],
                    "properties": {
                      "host": {
                        "type": "string"
                      },
                      "httpHeaders": {
                        "type": "array",
                        "x-kubernetes-list-type": "atomic",
                        "items": {
                          "type": "object",
                          "required": [
                            "name",
                            "value"
                          ],
                          "properties": {
                            "name": {
                              "type": "string"
                            },
                            "value": {
                              "type": "string"
                            }
                          }
                        }
                      },
                      "path": {
                        "type": "string"
                      },
                      "port": {
                        "x-kubernetes-int-or-string": true,
                        "anyOf": [
                          {
                            "type": "integer"
                          },
                          {
                            "type": "string"
                          }
                        ]
                      },
                      "scheme": {
                        "type": "string"
                      }
                    }
                  },
                  "initialDelaySeconds": {
                    "type": "integer",
                    "format": "int32"
                  },
                  "periodSeconds": {
                    "type": "integer",
                    "format": "int32"
                  },
                  "successThreshold": {
                    "type": "integer",
                    "format": "int32"
                  },
                  "tcpSocket": {
                    "type": "object",
                    "required": [
                      "port"
                    ],
                    "properties": {
                      "host": {
                        "type": "string"
                      },
                      "port": {
                        "x-kubernetes-int-or-string": true,
                        "anyOf": [
                          {
                            "type": "integer"
                          },
                          {
                            "type": "string"
                          }
                        ]
                      }
                    }
                  },
                  "terminationGracePeriodSeconds": {
                    "type": "integer",
                    "format": "int64"
                  },
                  "timeoutSeconds": {
                    "type": "integer",
                    "format": "int32"
                  }
                }
              },
              "name": {
                "type": "string",
                "maxLength": 63
              },
              "placement": {
                "type": "string",
                "enum": [
                  "Before",
                  "After"
                ],
                "default": "After"
              },
              "ports": {
                "type": "array",
                "x-kubernetes-list-type": "map",
                "x-kubernetes-list-map-keys": [
                  "containerPort",
                  "protocol"
                ],
                "items": {
                  "type": "object",
                  "required": [
                    "containerPort"
                  ],
                  "properties": {
                    "containerPort": {
                      "type": "integer",
                      "format": "int32"
                    },
                    "hostIP": {
                      "type": "string"
                    },
                    "hostPort": {
                      "type": "integer",
                      "format": "int32"
                    },
                    "name": {
                      "type": "string"
                    },
                    "protocol": {
                      "type": "string",
                      "default": "TCP"
                    }
                  }
                }
              },
              "readinessProbe": {
                "type": "object",
                "properties": {
                  "exec": {
                    "type": "object",
                    "properties": {
                      "command": {
                        "type": "array",
                        "x-kubernetes-list-type": "atomic",
                        "items": {
                          "type": "string"
                        }
                      }
                    }
                  },
                  "failureThreshold": {
                    "type": "integer",
                    "format": "int32"
                  },
                  "grpc": {
                    "type": "object",
                    "required": [
                      "port"
                    ],
                    "properties": {
                      "port": {
                        "type": "integer",
                        "format": "int32"
                      },
                      "service": {
                        "type": "string"
                      }
                    }
                  },
                  "httpGet": {
                    "type": "object",
                    "required": [
                      "port"
                    ],
                    "properties": {
                      "host": {
                        "type": "string"
                      },
                      "httpHeaders": {
                        "type": "array",
                        "x-kubernetes-list-type": "atomic",
                        "items": {
                          "type": "object",
                          "required": [
                            "name",
                            "value"
                          ],
                          "properties": {
                            "name": {
                              "type": "string"
                            },
                            "value": {
                              "type": "string"
                            }
                          }
                        }
                      },
                      "path": {
                        "type": "string"
                      },
                      "port": {
                        "x-kubernetes-int-or-string": true,
                        "anyOf": [
                          {
                            "type": "integer"
                          },
                          {
                            "type": "string"
                          }
                        ]
                      },
                      "scheme": {
                        "type": "string"
                      }
                    }
                  },
                  "initialDelaySeconds": {
                    "type": "integer",
                    "format": "int32"
                  },
                  "periodSeconds": {
                    "type": "integer",
                    "format": "int32"
                  },
                  "successThreshold": {
                    "type": "integer",
                    "format": "int32"
                  },
                  "tcpSocket": {
                    "type": "object",
                    "required": [
                      "port"
                    ],
                    "properties": {
                      "host": {
                        "type": "string"
                      },
                      "port": {
                        "x-kubernetes-int-or-string": true,
                        "anyOf": [
                          {
                            "type": "integer"
                          },
                          {
                            "type": "string"
                          }
                        ]
                      }
                    }
                  },
                  "terminationGracePeriodSeconds": {
                    "type": "integer",
                    "format": "int64"
                  },
                  "timeoutSeconds": {
                    "type": "integer",
                    "format": "int32"
                  }
                }
              },
              "resizePolicy": {
                "type": "array",
                "x-kubernetes-list-type": "atomic",
                "items": {
                  "type": "object",
                  "required": [
                    "resourceName",
                    "restartPolicy"
                  ],
                  "properties": {
                    "resourceName": {
                      "type": "string"
                    },
                    "restartPolicy": {
                      "type": "string"
                    }
                  }
                }
              },
              "resources": {
                "type": "object",
                "properties": {
                  "claims": {
                    "type": "array",
                    "x-kubernetes-list-type": "map",
                    "x-kubernetes-list-map-keys": [
                      "name"
                    ],
                    "items": {
                      "type": "object",
                      "required": [
                        "name"
                      ],
                      "properties": {
                        "name": {
                          "type": "string"
                        },
                        "request": {
                          "type": "string"
                        }
                      }
                    }
                  },
                  "limits": {
                    "type": "object",
                    "additionalProperties": {
                      "pattern": "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$",
                      "x-kubernetes-int-or-string": true,
                      "anyOf": [
                        {
                          "type": "integer"
                        },
                        {
                          "type": "string"
                        }
                      ]
                    }
                  },
                  "requests": {
                    "type": "object",
                    "additionalProperties": {
                      "pattern": "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$",
                      "x-kubernetes-int-or-string": true,
                      "anyOf": [
                        {
                          "type": "integer"
                        },
                        {
                          "type": "string"
                        }
                      ]
                    }
                  }
                }
              },
              "restartPolicy": {
                "type": "string"
              },
              "restartPolicyRules": {
                "type": "array",
                "x-kubernetes-list-type": "atomic",
                "items": {
                  "type": "object",
                  "required": [
                    "action"
                  ],
                  "properties": {
                    "action": {
                      "type": "string"
                    },
                    "exitCodes": {
                      "type": "object",
                      "required": [
                        "operator"
                      ],
                      "properties": {
                        "operator": {
                          "type": "string"
                        },
                        "values": {
                          "type": "array",
                          "x-kubernetes-list-type": "set",
                          "items": {
                            "type": "integer",
                            "format": "int32"
                          }
                        }
                      }
                    }
                  }
                }
              },
              "securityContext": {
                "type": "object",
                "properties": {
                  "allowPrivilegeEscalation": {
                    "type": "boolean"
                  },
                  "appArmorProfile": {
                    "type": "object",
                    "required": [
                      "type"
                    ],
                    "properties": {
                      "localhostProfile": {
                        "type": "string"
                      },
                      "type": {
                        "type": "string"
                      }
                    }
                  },
                  "capabilities": {
                    "type": "object",
                    "properties": {
                      "add": {
                        "type": "array",
                        "x-kubernetes-list-type": "atomic",
                        "items": {
                          "type": "string"
                        }
                      },
                      "drop": {
                        "type": "array",
                        "x-kubernetes-list-type": "atomic",
                        "items": {
                          "type": "string"
                        }
                      }
                    }
                  },
                  "privileged": {
                    "type": "boolean"
                  },
                  "procMount": {
                    "type": "string"
                  },
                  "readOnlyRootFilesystem": {
                    "type": "boolean"
                  },
                  "runAsGroup": {
                    "type": "integer",
                    "format": "int64"
                  },
                  "runAsNonRoot": {
                    "type": "boolean"
                  },
                  "runAsUser": {
                    "type": "integer",
                    "format": "int64"
                  },
                  "seLinuxOptions": {
                    "type": "object",
                    "properties": {
                      "level": {
                        "type": "string"
                      },
                      "role": {
                        "type": "string"
                      },
                      "type": {
                        "type": "string"
                      },
                      "user": {
                        "type": "string"
                      }
                    }
                  },
                  "seccompProfile": {
                    "type": "object",
                    "required": [
                      "type"
                    ],
                    "properties": {
                      "localhostProfile": {
                        "type": "string"
                      },
                      "type": {
                        "type": "string"
                      }
                    }
                  },
                  "windowsOptions": {
                    "type": "object",
                    "properties": {
                      "gmsaCredentialSpec": {
                        "type": "string"
                      },
                      "gmsaCredentialSpecName": {
                        "type": "string"
                      },
                      "hostProcess": {
                        "type": "boolean"
                      },
                      "runAsUserName": {
                        "type": "string"
                      }
                    }
                  }
                }
              },
              "startupProbe": {
                "type": "object",
                "properties": {
                  "exec": {
                    "type": "object",
                    "properties": {
                      "command": {
                        "type": "array",
                        "x-kubernetes-list-type": "atomic",
                        "items": {
                          "type": "string"
                        }
                      }
                    }
                  },
                  "failureThreshold": {
                    "type": "integer",
                    "format": "int32"
                  },
                  "grpc": {
                    "type": "object",
                    "required": [
                      "port"
                    ],
                    "properties": {
                      "port": {
                        "type": "integer",
                        "format": "int32"
                      },
                      "service": {
                        "type": "string"
                      }
                    }
                  },
                  "httpGet": {
                    "type": "object",
                    "required": [
                      "port"
                    ],
                    "properties": {
                      "host": {
                        "type": "string"
                      },
                      "httpHeaders": {
                        "type": "array",
                        "x-kubernetes-list-type": "atomic",
                        "items": {
                          "type": "object",
                          "required": [
                            "name",
                            "value"
                          ],
                          "properties": {
                            "name": {
                              "type": "string"
                            },
                            "value": {
                              "type": "string"
                            }
                          }
                        }
                      },
                      "path": {
                        "type": "string"
                      },
                      "port": {
                        "x-kubernetes-int-or-string": true,
                        "anyOf": [
                          {
                            "type": "integer"
                          },
                          {
                            "type": "string"
                          }
                        ]
                      },
                      "scheme": {
                        "type": "string"
                      }
                    }
                  },
                  "initialDelaySeconds": {
                    "type": "integer",
                    "format": "int32"
                  },
                  "periodSeconds": {
                    "type": "integer",
                    "format": "int32"
                  },
                  "successThreshold": {
                    "type": "integer",
                    "format": "int32"
                  },
                  "tcpSocket": {
                    "type": "object",
                    "required": [
                      "port"
                    ],
                    "properties": {
                      "host": {
                        "type": "string"
                      },
                      "port": {
                        "x-kubernetes-int-or-string": true,
                        "anyOf": [
                          {
                            "type": "integer"
                          },
                          {
                            "type": "string"
                          }
                        ]
                      }
                    }
                  },
                  "terminationGracePeriodSeconds": {
                    "type": "integer",
                    "format": "int64"
                  },
                  "timeoutSeconds": {
                    "type": "integer",
                    "format": "int32"
                  }
                }
              },
              "stdin": {
                "type": "boolean"
              },
              "stdinOnce": {
                "type": "boolean"
              },
              "terminationMessagePath": {
                "type": "string"
              },
              "terminationMessagePolicy": {
                "type": "string"
              },
              "tty": {
                "type": "boolean"
              },
              "volumeDevices": {
                "type": "array",
                "x-kubernetes-list-type": "map",
                "x-kubernetes-list-map-keys": [
                  "devicePath"
                ],
                "items": {
                  "type": "object",
                  "required": [
                    "name",
                    "devicePath"
                  ],
                  "properties": {
                    "devicePath": {
                      "type": "string"
                    },
                    "name": {
                      "type": "string"
                    }
                  }
                }
              },
              "volumeMounts": {
                "type": "array",
                "x-kubernetes-list-type": "map",
                "x-kubernetes-list-map-keys": [
                  "mountPath"
                ],
                "items": {
                  "type": "object",
                  "required": [
                    "name",
                    "mountPath"
                  ],
                  "properties": {
                    "mountPath": {
                      "type": "string"
                    },
                    "mountPropagation": {
                      "type": "string"
                    },
                    "name": {
                      "type": "string"
                    },
                    "readOnly": {
                      "type": "boolean"
                    },
                    "recursiveReadOnly": {
                      "type": "string"
                    },
                    "subPath": {
                      "type": "string"
                    },
                    "subPathExpr": {
                      "type": "string"
                    }
                  }
                }
              },
              "workingDir": {
                "type": "string"
              }
            }
          }
        },
        "nativeSidecars": {
          "type": "string",
          "enum": [
            "Auto",
            "Always",
            "Never"
          ],
          "default": "Auto"
        },
        "initContainers": {
          "type": "array",
          "maxItems": 32,
          "items": {
            "type": "object",
            "required": [
              "name"
            ],
            "properties": {
              "args": {
                "type": "array",
                "x-kubernetes-list-type": "atomic",
                "items": {
                  "type": "string"
                }
              },
              "command": {
                "type": "array",
                "x-kubernetes-list-type": "atomic",
                "items": {
                  "type": "string"
                }
              },
              "env": {
                "type": "array",
                "x-kubernetes-list-type": "map",
                "x-kubernetes-list-map-keys": [
                  "name"
                ],
                "items": {
                  "type": "object",
                  "required": [
                    "name"
                  ],
                  "properties": {
                    "name": {
                      "type": "string"
                    },
                    "value": {
                      "type": "string"
                    },
                    "valueFrom": {
                      "type": "object",
                      "properties": {
                        "configMapKeyRef": {
                          "type": "object",
                          "x-kubernetes-map-type": "atomic",
                          "required": [
                            "key"
                          ],
                          "properties": {
                            "key": {
                              "type": "string"
                            },
                            "name": {
                              "type": "string"
                            },
                            "optional": {
                              "type": "boolean"
                            }
                          }
                        },
                        "fieldRef": {
                          "type": "object",
                          "x-kubernetes-map-type": "atomic",
                          "required": [
                            "fieldPath"
                          ],
                          "properties": {
                            "apiVersion": {
                              "type": "string"
                            },
                            "fieldPath": {
                              "type": "string"
                            }
                          }
                        },
                        "fileKeyRef": {
                          "type": "object",
                          "x-kubernetes-map-type": "atomic",
                          "required": [
                            "volumeName",
                            "path",
                            "key"
                          ],
                          "properties": {
                            "key": {
                              "type": "string"
                            },
                            "optional": {
                              "type": "boolean"
                            },
                            "path": {
                              "type": "string"
                            },
                            "volumeName": {
                              "type": "string"
                            }
                          }
                        },
                        "resourceFieldRef": {
                          "type": "object",
                          "x-kubernetes-map-type": "atomic",
                          "required": [
                            "resource"
                          ],
                          "properties": {
                            "containerName": {
                              "type": "string"
                            },
                            "divisor": {
                              "pattern": "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$",
                              "x-kubernetes-int-or-string": true,
                              "anyOf": [
                                {
                                  "type": "integer"
                                },
                                {
                                  "type": "string"
                                }
                              ]
                            },
                            "resource": {
                              "type": "string"
                            }
                          }
                        },
                        "secretKeyRef": {
                          "type": "object",
                          "x-kubernetes-map-type": "atomic",
                          "required": [
                            "key"
                          ],
                          "properties": {
                            "key": {
                              "type": "string"
                            },
                            "name": {
                              "type": "string"
                            },
                            "optional": {
                              "type": "boolean"
                            }
                          }
                        }
                      }
                    }
                  }
                }
              },
              "envFrom": {
                "type": "array",
                "x-kubernetes-list-type": "atomic",
                "items": {
                  "type": "object",
                  "properties": {
                    "configMapRef": {
                      "type": "object",
                      "properties": {
                        "name": {
                          "type": "string"
                        },
                        "optional": {
                          "type": "boolean"
                        }
                      }
                    },
                    "prefix": {
                      "type": "string"
                    },
                    "secretRef": {
                      "type": "object",
                      "properties": {
                        "name": {
                          "type": "string"
                        },
                        "optional": {
                          "type": "boolean"
                        }
                      }
                    }
                  }
                }
              },
              "image": {
                "type": "string"
              },
              "imagePullPolicy": {
                "type": "string"
              },
              "lifecycle": {
                "type": "object",
                "properties": {
                  "postStart": {
                    "type": "object",
                    "properties": {
                      "exec": {
                        "type": "object",
                        "properties": {
                          "command": {
                            "type": "array",
                            "x-kubernetes-list-type": "atomic",
                            "items": {
                              "type": "string"
                            }
                          }
                        }
                      },
                      "httpGet": {
                        "type": "object",
                        "required": [
                          "port"
                        ],
                        "properties": {
                          "host": {
                            "type": "string"
                          },
                          "httpHeaders": {
                            "type": "array",
                            "x-kubernetes-list-type": "atomic",
                            "items": {
                              "type": "object",
                              "required": [
                                "name",
                                "value"
                              ],
                              "properties": {
                                "name": {
                                  "type": "string"
                                },
                                "value": {
                                  "type": "string"
                                }
                              }
                            }
                          },
                          "path": {
                            "type": "string"
                          },
                          "port": {
                            "x-kubernetes-int-or-string": true,
                            "anyOf": [
                              {
                                "type": "integer"
                              },
                              {
                                "type": "string"
                              }
                            ]
                          },
                          "scheme": {
                            "type": "string"
                          }
                        }
                      },
                      "sleep": {
                        "type": "object",
                        "required": [
                          "seconds"
                        ],
                        "properties": {
                          "seconds": {
                            "type": "integer",
                            "format": "int64"
                          }
                        }
                      },
                      "tcpSocket": {
                        "type": "object",
                        "required": [
                          "port"
                        ],
                        "properties": {
                          "host": {
                            "type": "string"
                          },
                          "port": {
                            "x-kubernetes-int-or-string": true,
                            "anyOf": [
                              {
                                "type": "integer"
                              },
                              {
                                "type": "string"
                              }
                            ]
                          }
                        }
                      }
                    }
                  },
                  "preStop": {
                    "type": "object",
                    "properties": {
                      "exec": {
                        "type": "object",
                        "properties": {
                          "command": {
                            "type": "array",
                            "x-kubernetes-list-type": "atomic",
                            "items": {
                              "type": "string"
                            }
                          }
                        }
                      },
                      "httpGet": {
                        "type": "object",
                        "required": [
                          "port"
                        ],
                        "properties": {
                          "host": {
                            "type": "string"
                          },
                          "httpHeaders": {
                            "type": "array",
                            "x-kubernetes-list-type": "atomic",
                            "items": {
                              "type": "object",
                              "required": [
                                "name",
                                "value"
                              ],
                              "properties": {
                                "name": {
                                  "type": "string"
                                },
                                "value": {
                                  "type": "string"
                                }
                              }
                            }
                          },
                          "path": {
                            "type": "string"
                          },
                          "port": {
                            "x-kubernetes-int-or-string": true,
                            "anyOf": [
                              {
                                "type": "integer"
                              },
                              {
                                "type": "string"
                              }
                            ]
                          },
                          "scheme": {
                            "type": "string"
                          }
                        }
                      },
                      "sleep": {
                        "type": "object",
                        "required": [
                          "seconds"
                        ],
                        "properties": {
                          "seconds": {
                            "type": "integer",
                            "format": "int64"
                          }
                        }
                      },
                      "tcpSocket": {
                        "type": "object",
                        "required": [
                          "port"
                        ],
                        "properties": {
                          "host": {
                            "type": "string"
                          },
                          "port": {
                            "x-kubernetes-int-or-string": true,
                            "anyOf": [
                              {
                                "type": "integer"
                              },
                              {
                                "type": "string"
                              }
                            ]
                          }
                        }
                      }
                    }
                  },
                  "stopSignal": {
                    "type": "string"
                  }
                }
              },
              "livenessProbe": {
                "type": "object",
                "properties": {
                  "exec": {
                    "type": "object",
                    "properties": {
                      "command": {
                        "type": "array",
                        "x-kubernetes-list-type": "atomic",
                        "items": {
                          "type": "string"
                        }
                      }
                    }
                  },
                  "failureThreshold": {
                    "type": "integer",
                    "format": "int32"
                  },
                  "grpc": {
                    "type": "object",
                    "required": [
                      "port"
                    ],
                    "properties": {
                      "port": {
                        "type": "integer",
                        "format": "int32"
                      },
                      "service": {
                        "type": "string"
                      }
                    }
                  },
                  "httpGet": {
                    "type": "object",
                    "required": [
                      "port"
                    ],
                    "properties": {
                      "host": {
                        "type": "string"
                      },
                      "httpHeaders": {
                        "type": "array",
                        "x-kubernetes-list-type": "atomic",
                        "items": {
                          "type": "object",
                          "required": [
                            "name",
                            "value"
                          ],
                          "properties": {
                            "name": {
                              "type": "string"
                            },
                            "value": {
                              "type": "string"
                            }
                          }
                        }
                      },
                      "path": {
                        "type": "string"
                      },
                      "port": {
                        "x-kubernetes-int-or-string": true,
                        "anyOf": [
                          {
                            "type": "integer"
                          },
                          {
                            "type": "string"
                          }
                        ]
                      },
                      "scheme": {
                        "type": "string"
                      }
                    }
                  },
                  "initialDelaySeconds": {
                    "type": "integer",
                    "format": "int32"
                  },
                  "periodSeconds": {
                    "type": "integer",
                    "format": "int32"
                  },
                  "successThreshold": {
                    "type": "integer",
                    "format": "int32"
                  },
                  "tcpSocket": {
                    "type": "object",
                    "required": [
                      "port"
                    ],
                    "properties": {
                      "host": {
                        "type": "string"
                      },
                      "port": {
                        "x-kubernetes-int-or-string": true,
                        "anyOf": [
                          {
                            "type": "integer"
                          },
                          {
                            "type": "string"
                          }
                        ]
                      }
                    }
                  },
                  "terminationGracePeriodSeconds": {
                    "type": "integer",
                    "format": "int64"
                  },
                  "timeoutSeconds": {
                    "type": "integer",
                    "format": "int32"
                  }
                }
              },
              "name": {
                "type": "string",
                "maxLength": 63
              },
              "ports": {
                "type": "array",
                "x-kubernetes-list-type": "map",
                "x-kubernetes-list-map-keys": [
                  "containerPort",
                  "protocol"
                ],
                "items": {
                  "type": "object",
                  "required": [
                    "containerPort"
                  ],
                  "properties": {
                    "containerPort": {
                      "type": "integer",
                      "format": "int32"
                    },
                    "hostIP": {
                      "type": "string"
                    },
                    "hostPort": {
                      "type": "integer",
                      "format": "int32"
                    },
                    "name": {
                      "type": "string"
                    },
                    "protocol": {
                      "type": "string",
                      "default": "TCP"
                    }
                  }
                }
              },
              "readinessProbe": {
                "type": "object",
                "properties": {
                  "exec": {
                    "type": "object",
                    "properties": {
                      "command": {
                        "type": "array",
                        "x-kubernetes-list-type": "atomic",
                        "items": {
                          "type": "string"
                        }
                      }
                    }
                  },
                  "failureThreshold": {
                    "type": "integer",
                    "format": "int32"
                  },
                  "grpc": {
                    "type": "object",
                    "required": [
                      "port"
                    ],
                    "properties": {
                      "port": {
                        "type": "integer",
                        "format": "int32"
                      },
                      "service": {
                        "type": "string"
                      }
                    }
                  },
                  "httpGet": {
                    "type": "object",
                    "required": [
                      "port"
                    ],
                    "properties": {
                      "host": {
                        "type": "string"
                      },
                      "httpHeaders": {
                        "type": "array",
                        "x-kubernetes-list-type": "atomic",
                        "items": {
                          "type": "object",
                          "required": [
                            "name",
                            "value"
                          ],
                          "properties": {
                            "name": {
                              "type": "string"
                            },
                            "value": {
                              "type": "string"
                            }
                          }
                        }
                      },
                      "path": {
                        "type": "string"
                      },
                      "port": {
                        "x-kubernetes-int-or-string": true,
                        "anyOf": [
                          {
                            "type": "integer"
                          },
                          {
                            "type": "string"
                          }
                        ]
                      },
                      "scheme": {
                        "type": "string"
                      }
                    }
                  },
                  "initialDelaySeconds": {
                    "type": "integer",
                    "format": "int32"
                  },
                  "periodSeconds": {
                    "type": "integer",
                    "format": "int32"
                  },
                  "successThreshold": {
                    "type": "integer",
                    "format": "int32"
                  },
                  "tcpSocket": {
                    "type": "object",
                    "required": [
                      "port"
                    ],
                    "properties": {
                      "host": {
                        "type": "string"
                      },
                      "port": {
                        "x-kubernetes-int-or-string": true,
                        "anyOf": [
                          {
                            "type": "integer"
                          },
                          {
                            "type": "string"
                          }
                        ]
                      }
                    }
                  },
                  "terminationGracePeriodSeconds": {
                    "type": "integer",
                    "format": "int64"
                  },
                  "timeoutSeconds": {
                    "type": "integer",
                    "format": "int32"
                  }
                }
              },
              "resizePolicy": {
                "type": "array",
                "x-kubernetes-list-type": "atomic",
                "items": {
                  "type": "object",
                  "required": [
                    "resourceName",
                    "restartPolicy"
                  ],
                  "properties": {
                    "resourceName": {
                      "type": "string"
                    },
                    "restartPolicy": {
                      "type": "string"
                    }
                  }
                }
              },
              "resources": {
                "type": "object",
                "properties": {
                  "claims": {
                    "type": "array",
                    "x-kubernetes-list-type": "map",
                    "x-kubernetes-list-map-keys": [
                      "name"
                    ],
                    "items": {
                      "type": "object",
                      "required": [
                        "name"
                      ],
                      "properties": {
                        "name": {
                          "type": "string"
                        },
                        "request": {
                          "type": "string"
                        }
                      }
                    }
                  },
                  "limits": {
                    "type": "object",
                    "additionalProperties": {
                      "pattern": "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$",
                      "x-kubernetes-int-or-string": true,
                      "anyOf": [
                        {
                          "type": "integer"
                        },
                        {
                          "type": "string"
                        }
                      ]
                    }
                  },
                  "requests": {
                    "type": "object",
                    "additionalProperties": {
                      "pattern": "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$",
                      "x-kubernetes-int-or-string": true,
                      "anyOf": [
                        {
                          "type": "integer"
                        },
                        {
                          "type": "string"
                        }
                      ]
                    }
                  }
                }
              },
              "restartPolicy": {
                "type": "string"
              },
              "restartPolicyRules": {
                "type": "array",
                "x-kubernetes-list-type": "atomic",
                "items": {
                  "type": "object",
                  "required": [
                    "action"
                  ],
                  "properties": {
                    "action": {
                      "type": "string"
                    },
                    "exitCodes": {
                      "type": "object",
                      "required": [
                        "operator"
                      ],
                      "properties": {
                        "operator": {
                          "type": "string"
                        },
                        "values": {
                          "type": "array",
                          "x-kubernetes-list-type": "set",
                          "items": {
                            "type": "integer",
                            "format": "int32"
                          }
                        }
                      }
                    }
                  }
                }
              },
              "securityContext": {
                "type": "object",
                "properties": {
                  "allowPrivilegeEscalation": {
                    "type": "boolean"
                  },
                  "appArmorProfile": {
                    "type": "object",
                    "required": [
                      "type"
                    ],
                    "properties": {
                      "localhostProfile": {
                        "type": "string"
                      },
                      "type": {
                        "type": "string"
                      }
                    }
                  },
                  "capabilities": {
                    "type": "object",
                    "properties": {
                      "add": {
                        "type": "array",
                        "x-kubernetes-list-type": "atomic",
                        "items": {
                          "type": "string"
                        }
                      },
                      "drop": {
                        "type": "array",
                        "x-kubernetes-list-type": "atomic",
                        "items": {
                          "type": "string"
                        }
                      }
                    }
                  },
                  "privileged": {
                    "type": "boolean"
                  },
                  "procMount": {
                    "type": "string"
                  },
                  "readOnlyRootFilesystem": {
                    "type": "boolean"
                  },
                  "runAsGroup": {
                    "type": "integer",
                    "format": "int64"
                  },
                  "runAsNonRoot": {
                    "type": "boolean"
                  },
                  "runAsUser": {
                    "type": "integer",
                    "format": "int64"
                  },
                  "seLinuxOptions": {
                    "type": "object",
                    "properties": {
                      "level": {
                        "type": "string"
                      },
                      "role": {
                        "type": "string"
                      },
                      "type": {
                        "type": "string"
                      },
                      "user": {
                        "type": "string"
                      }
                    }
                  },
                  "seccompProfile": {
                    "type": "object",
                    "required": [
                      "type"
                    ],
                    "properties": {
                      "localhostProfile": {
                        "type": "string"
                      },
                      "type": {
                        "type": "string"
                      }
                    }
                  },
                  "windowsOptions": {
                    "type": "object",
                    "properties": {
                      "gmsaCredentialSpec": {
                        "type": "string"
                      },
                      "gmsaCredentialSpecName": {
                        "type": "string"
                      },
                      "hostProcess": {
                        "type": "boolean"
                      },
                      "runAsUserName": {
                        "type": "string"
                      }
                    }
                  }
                }
              },
              "startupProbe": {
                "type": "object",
                "properties": {
                  "exec": {
                    "type": "object",
                    "properties": {
                      "command": {
                        "type": "array",
                        "x-kubernetes-list-type": "atomic",
                        "items": {
                          "type": "string"
                        }
                      }
                    }
                  },
                  "failureThreshold": {
                    "type": "integer",
                    "format": "int32"
                  },
                  "grpc": {
                    "type": "object",
                    "required": [
                      "port"
                    ],
                    "properties": {
                      "port": {
                        "type": "integer",
                        "format": "int32"
                      },
                      "service": {
                        "type": "string"
                      }
                    }
                  },
                  "httpGet": {
                    "type": "object",
                    "required": [
                      "port"
                    ],
                    "properties": {
                      "host": {
                        "type": "string"
                      },
                      "httpHeaders": {
                        "type": "array",
                        "x-kubernetes-list-type": "atomic",
                        "items": {
                          "type": "object",
                          "required": [
                            "name",
                            "value"
                          ],
                          "properties": {
                            "name": {
                              "type": "string"
                            },
                            "value": {
                              "type": "string"
                            }
                          }
                        }
                      },
                      "path": {
                        "type": "string"
                      },
                      "port": {
                        "x-kubernetes-int-or-string": true,
                        "anyOf": [
                          {
                            "type": "integer"
                          },
                          {
                            "type": "string"
                          }
                        ]
                      },
                      "scheme": {
                        "type": "string"
                      }
                    }
                  },
                  "initialDelaySeconds": {
                    "type": "integer",
                    "format": "int32"
                  },
                  "periodSeconds": {
                    "type": "integer",
                    "format": "int32"
                  },
                  "successThreshold": {
                    "type": "integer",
                    "format": "int32"
                  },
                  "tcpSocket": {
                    "type": "object",
                    "required": [
                      "port"
                    ],
                    "properties": {
                      "host": {
                        "type": "string"
                      },
                      "port": {
                        "x-kubernetes-int-or-string": true,
                        "anyOf": [
                          {
                            "type": "integer"
                          },
                          {
                            "type": "string"
                          }
                        ]
                      }
                    }
                  },
                  "terminationGracePeriodSeconds": {
                    "type": "integer",
                    "format": "int64"
                  },
                  "timeoutSeconds": {
                    "type": "integer",
                    "format": "int32"
                  }
                }
              },
              "stdin": {
                "type": "boolean"
              },
              "stdinOnce": {
                "type": "boolean"
              },
              "terminationMessagePath": {
                "type": "string"
              },
              "terminationMessagePolicy": {
                "type": "string"
              },
              "tty": {
                "type": "boolean"
              },
              "volumeDevices": {
                "type": "array",
                "x-kubernetes-list-type": "map",
                "x-kubernetes-list-map-keys": [
                  "devicePath"
                ],
                "items": {
                  "type": "object",
                  "required": [
                    "name",
                    "devicePath"
                  ],
                  "properties": {
                    "devicePath": {
                      "type": "string"
                    },
                    "name": {
                      "type": "string"
                    }
                  }
                }
              },
              "volumeMounts": {
                "type": "array",
                "x-kubernetes-list-type": "map",
                "x-kubernetes-list-map-keys": [
                  "mountPath"
                ],
                "items": {
                  "type": "object",
                  "required": [
                    "name",
                    "mountPath"
                  ],
                  "properties": {
                    "mountPath": {
                      "type": "string"
                    },
                    "mountPropagation": {
                      "type": "string"
                    },
                    "name": {
                      "type": "string"
                    },
                    "readOnly": {
                      "type": "boolean"
                    },
                    "recursiveReadOnly": {
                      "type": "string"
                    },
                    "subPath": {
                      "type": "string"
                    },
                    "subPathExpr": {
                      "type": "string"
                    }
                  }
                }
              },
              "workingDir": {
                "type": "string"
              }
            }
          }
        },
        "volumes": {
          "type": "array",
          "maxItems": 64,
          "items": {
            "type": "object",
            "required": [
              "name"
            ],
            "properties": {
              "awsElasticBlockStore": {
                "type": "object",
                "required": [
                  "volumeID"
                ],
                "properties": {
                  "fsType": {
                    "type": "string"
                  },
                  "partition": {
                    "type": "integer",
                    "format": "int32"
                  },
                  "readOnly": {
                    "type": "boolean"
                  },
                  "volumeID": {
                    "type": "string"
                  }
                }
              },
              "azureDisk": {
                "type": "object",
                "required": [
                  "diskName",
                  "diskURI"
                ],
                "properties": {
                  "cachingMode": {
                    "type": "string",
                    "default": "ReadWrite"
                  },
                  "diskName": {
                    "type": "string"
                  },
                  "diskURI": {
                    "type": "string"
                  },
                  "fsType": {
                    "type": "string",
                    "default": "ext4"
                  },
                  "kind": {
                    "type": "string",
                    "default": "Shared"
                  },
                  "readOnly": {
                    "type": "boolean"
                  }
                }
              },
              "azureFile": {
                "type": "object",
                "required": [
                  "secretName",
                  "shareName"
                ],
                "properties": {
                  "readOnly": {
                    "type": "boolean"
                  },
                  "secretName": {
                    "type": "string"
                  },
                  "shareName": {
                    "type": "string"
                  }
                }
              },
              "cephfs": {
                "type": "object",
                "required": [
                  "monitors"
                ],
                "properties": {
                  "monitors": {
                    "type": "array",
                    "x-kubernetes-list-type": "atomic",
                    "items": {
                      "type": "string"
                    }
                  },
                  "path": {
                    "type": "string"
                  },
                  "readOnly": {
                    "type": "boolean"
                  },
                  "secretFile": {
                    "type": "string"
                  },
                  "secretRef": {
                    "type": "object",
                    "x-kubernetes-map-type": "atomic",
                    "properties": {
                      "name": {
                        "type": "string"
                      }
                    }
                  },
                  "user": {
                    "type": "string"
                  }
                }
              },
              "cinder": {
                "type": "object",
                "required": [
                  "volumeID"
                ],
                "properties": {
                  "fsType": {
                    "type": "string"
                  },
                  "readOnly": {
                    "type": "boolean"
                  },
                  "secretRef": {
                    "type": "object",
                    "x-kubernetes-map-type": "atomic",
                    "properties": {
                      "name": {
                        "type": "string"
                      }
                    }
                  },
                  "volumeID": {
                    "type": "string"
                  }
                }
              },
              "configMap": {
                "type": "object",
                "properties": {
                  "defaultMode": {
                    "type": "integer",
                    "format": "int32"
                  },
                  "items": {
                    "type": "array",
                    "x-kubernetes-list-type": "atomic",
                    "items": {
                      "type": "object",
                      "required": [
                        "key",
                        "path"
                      ],
                      "properties": {
                        "key": {
                          "type": "string"
                        },
                        "mode": {
                          "type": "integer",
                          "format": "int32"
                        },
                        "path": {
                          "type": "string"
                        }
                      }
                    }
                  },
                  "name": {
                    "type": "string"
                  },
                  "optional": {
                    "type": "boolean"
                  }
                }
              },
              "csi": {
                "type": "object",
                "required": [
                  "driver"
                ],
                "properties": {
                  "driver": {
                    "type": "string"
                  },
                  "fsType": {
                    "type": "string"
                  },
                  "nodePublishSecretRef": {
                    "type": "object",
                    "x-kubernetes-map-type": "atomic",
                    "properties": {
                      "name": {
                        "type": "string"
                      }
                    }
                  },
                  "readOnly": {
                    "type": "boolean"
                  },
                  "volumeAttributes": {
                    "type": "object",
                    "additionalProperties": {
                      "type": "string"
                    }
                  }
                }
              },
              "downwardAPI": {
                "type": "object",
                "properties": {
                  "defaultMode": {
                    "type": "integer",
                    "format": "int32"
                  },
                  "items": {
                    "type": "array",
                    "x-kubernetes-list-type": "atomic",
                    "items": {
                      "type": "object",
                      "required": [
                        "path"
                      ],
                      "properties": {
                        "fieldRef": {
                          "type": "object",
                          "x-kubernetes-map-type": "atomic",
                          "required": [
                            "fieldPath"
                          ],
                          "properties": {
                            "apiVersion": {
                              "type": "string"
                            },
                            "fieldPath": {
                              "type": "string"
                            }
                          }
                        },
                        "mode": {
                          "type": "integer",
                          "format": "int32"
                        },
                        "path": {
                          "type": "string"
                        },
                        "resourceFieldRef": {
                          "type": "object",
                          "x-kubernetes-map-type": "atomic",
                          "required": [
                            "resource"
                          ],
                          "properties": {
                            "containerName": {
                              "type": "string"
                            },
                            "divisor": {
                              "pattern": "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$",
                              "x-kubernetes-int-or-string": true,
                              "anyOf": [
                                {
                                  "type": "integer"
                                },
                                {
                                  "type": "string"
                                }
                              ]
                            },
                            "resource": {
                              "type": "string"
                            }
                          }
                        }
                      }
                    }
                  }
                }
              },
              "emptyDir": {
                "type": "object",
                "properties": {
                  "medium": {
                    "type": "string"
                  },
                  "sizeLimit": {
                    "pattern": "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$",
                    "x-kubernetes-int-or-string": true,
                    "anyOf": [
                      {
                        "type": "integer"
                      },
                      {
                        "type": "string"
                      }
                    ]
                  }
                }
              },
              "ephemeral": {
                "type": "object",
                "properties": {
                  "volumeClaimTemplate": {
                    "type": "object",
                    "required": [
                      "spec"
                    ],
                    "properties": {
                      "metadata": {
                        "type": "object",
                        "properties": {
                          "annotations": {
                            "type": "object",
                            "additionalProperties": {
                              "type": "string"
                            }
                          },
                          "creationTimestamp": {
                            "type": "string",
                            "format": "date-time"
                          },
                          "deletionGracePeriodSeconds": {
                            "type": "integer",
                            "format": "int64"
                          },
                          "deletionTimestamp": {
                            "type": "string",
                            "format": "date-time"
                          },
                          "finalizers": {
                            "type": "array",
                            "x-kubernetes-list-type": "set",
                            "items": {
                              "type": "string"
                            }
                          },
                          "generateName": {
                            "type": "string"
                          },
                          "generation": {
                            "type": "integer",
                            "format": "int64"
                          },
                          "labels": {
                            "type": "object",
                            "additionalProperties": {
                              "type": "string"
                            }
                          },
                          "managedFields": {
                            "type": "array",
                            "x-kubernetes-list-type": "atomic",
                            "items": {
                              "type": "object",
                              "properties": {
                                "apiVersion": {
                                  "type": "string"
                                },
                                "fieldsType": {
                                  "type": "string"
                                },
                                "fieldsV1": {
                                  "type": "object",
                                  "x-kubernetes-preserve-unknown-fields": true
                                },
                                "manager": {
                                  "type": "string"
                                },
                                "operation": {
                                  "type": "string"
                                },
                                "subresource": {
                                  "type": "string"
                                },
                                "time": {
                                  "type": "string",
                                  "format": "date-time"
                                }
                              }
                            }
                          },
                          "name": {
                            "type": "string"
                          },
                          "namespace": {
                            "type": "string"
                          },
                          "ownerReferences": {
                            "type": "array",
                            "x-kubernetes-list-type": "map",
                            "x-kubernetes-list-map-keys": [
                              "uid"
                            ],
                            "items": {
                              "type": "object",
                              "x-kubernetes-map-type": "atomic",
                              "required": [
                                "apiVersion",
                                "kind",
                                "name",
                                "uid"
                              ],
                              "properties": {
                                "apiVersion": {
                                  "type": "string"
                                },
                                "blockOwnerDeletion": {
                                  "type": "boolean"
                                },
                                "controller": {
                                  "type": "boolean"
                                },
                                "kind": {
                                  "type": "string"
                                },
                                "name": {
                                  "type": "string"
                                },
                                "uid": {
                                  "type": "string"
                                }
                              }
                            }
                          },
                          "resourceVersion": {
                            "type": "string"
                          },
                          "selfLink": {
                            "type": "string"
                          },
                          "uid": {
                            "type": "string"
                          }
                        }
                      },
                      "spec": {
                        "type": "object",
                        "properties": {
                          "accessModes": {
                            "type": "array",
                            "x-kubernetes-list-type": "atomic",
                            "items": {
                              "type": "string"
                            }
                          },
                          "dataSource": {
                            "type": "object",
                            "x-kubernetes-map-type": "atomic",
                            "required": [
                              "kind",
                              "name"
                            ],
                            "properties": {
                              "apiGroup": {
                                "type": "string"
                              },
                              "kind": {
                                "type": "string"
                              },
                              "name": {
                                "type": "string"
                              }
                            }
                          },
                          "dataSourceRef": {
                            "type": "object",
                            "required": [
                              "kind",
                              "name"
                            ],
                            "properties": {
                              "apiGroup": {
                                "type": "string"
                              },
                              "kind": {
                                "type": "string"
                              },
                              "name": {
                                "type": "string"
                              },
                              "namespace": {
                                "type": "string"
                              }
                            }
                          },
                          "resources": {
                            "type": "object",
                            "properties": {
                              "limits": {
                                "type": "object",
                                "additionalProperties": {
                                  "pattern": "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$",
                                  "x-kubernetes-int-or-string": true,
                                  "anyOf": [
                                    {
                                      "type": "integer"
                                    },
                                    {
                                      "type": "string"
                                    }
                                  ]
                                }
                              },
                              "requests": {
                                "type": "object",
                                "additionalProperties": {
                                  "pattern": "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$",
                                  "x-kubernetes-int-or-string": true,
                                  "anyOf": [
                                    {
                                      "type": "integer"
                                    },
                                    {
                                      "type": "string"
                                    }
                                  ]
                                }
                              }
                            }
                          },
                          "selector": {
                            "type": "object",
                            "x-kubernetes-map-type": "atomic",
                            "properties": {
                              "matchExpressions": {
                                "type": "array",
                                "x-kubernetes-list-type": "atomic",
                                "items": {
                                  "type": "object",
                                  "required": [
                                    "key",
                                    "operator"
                                  ],
                                  "properties": {
                                    "key": {
                                      "type": "string"
                                    },
                                    "operator": {
                                      "type": "string"
                                    },
                                    "values": {
                                      "type": "array",
                                      "x-kubernetes-list-type": "atomic",
                                      "items": {
                                        "type": "string"
                                      }
                                    }
                                  }
                                }
                              },
                              "matchLabels": {
                                "type": "object",
                                "additionalProperties": {
                                  "type": "string"
                                }
                              }
                            }
                          },
                          "storageClassName": {
                            "type": "string"
                          },
                          "volumeAttributesClassName": {
                            "type": "string"
                          },
                          "volumeMode": {
                            "type": "string"
                          },
                          "volumeName": {
                            "type": "string"
                          }
                        }
                      }
                    }
                  }
                }
              },
              "fc": {
                "type": "object",
                "properties": {
                  "fsType": {
                    "type": "string"
                  },
                  "lun": {
                    "type": "integer",
                    "format": "int32"
                  },
                  "readOnly": {
                    "type": "boolean"
                  },
                  "targetWWNs": {
                    "type": "array",
                    "x-kubernetes-list-type": "atomic",
                    "items": {
                      "type": "string"
                    }
                  },
                  "wwids": {
                    "type": "array",
                    "x-kubernetes-list-type": "atomic",
                    "items": {
                      "type": "string"
                    }
                  }
                }
              },
              "flexVolume": {
                "type": "object",
                "required": [
                  "driver"
                ],
                "properties": {
                  "driver": {
                    "type": "string"
                  },
                  "fsType": {
                    "type": "string"
                  },
                  "options": {
                    "type": "object",
                    "additionalProperties": {
                      "type": "string"
                    }
                  },
                  "readOnly": {
                    "type": "boolean"
                  },
                  "secretRef": {
                    "type": "object",
                    "x-kubernetes-map-type": "atomic",
                    "properties": {
                      "name": {
                        "type": "string"
                      }
                    }
                  }
                }
              },
              "flocker": {
                "type": "object",
                "properties": {
                  "datasetName": {
                    "type": "string"
                  },
                  "datasetUUID": {
                    "type": "string"
                  }
                }
              },
              "gcePersistentDisk": {
                "type": "object",
                "required": [
                  "pdName"
                ],
                "properties": {
                  "fsType": {
                    "type": "string"
                  },
                  "partition": {
                    "type": "integer",
                    "format": "int32"
                  },
                  "pdName": {
                    "type": "string"
                  },
                  "readOnly": {
                    "type": "boolean"
                  }
                }
              },
              "gitRepo": {
                "type": "object",
                "required": [
                  "repository"
                ],
                "properties": {
                  "directory": {
                    "type": "string"
                  },
                  "repository": {
                    "type": "string"
                  },
                  "revision": {
                    "type": "string"
                  }
                }
              },
              "glusterfs": {
                "type": "object",
                "required": [
                  "endpoints",
                  "path"
                ],
                "properties": {
                  "endpoints": {
                    "type": "string"
                  },
                  "path": {
                    "type": "string"
                  },
                  "readOnly": {
                    "type": "boolean"
                  }
                }
              },
              "hostPath": {
                "type": "object",
                "required": [
                  "path"
                ],
                "properties": {
                  "path": {
                    "type": "string"
                  },
                  "type": {
                    "type": "string"
                  }
                }
              },
              "image": {
                "type": "object",
                "properties": {
                  "pullPolicy": {
                    "type": "string"
                  },
                  "reference": {
                    "type": "string"
                  }
                }
              },
              "iscsi": {
                "type": "object",
                "required": [
                  "targetPortal",
                  "iqn",
                  "lun"
                ],
                "properties": {
                  "chapAuthDiscovery": {
                    "type": "boolean"
                  },
                  "chapAuthSession": {
                    "type": "boolean"
                  },
                  "fsType": {
                    "type": "string"
                  },
                  "initiatorName": {
                    "type": "string"
                  },
                  "iqn": {
                    "type": "string"
                  },
                  "iscsiInterface": {
                    "type": "string",
                    "default": "default"
                  },
                  "lun": {
                    "type": "integer",
                    "format": "int32"
                  },
                  "portals": {
                    "type": "array",
                    "x-kubernetes-list-type": "atomic",
                    "items": {
                      "type": "string"
                    }
                  },
                  "readOnly": {
                    "type": "boolean"
                  },
                  "secretRef": {
                    "type": "object",
                    "x-kubernetes-map-type": "atomic",
                    "properties": {
                      "name": {
                        "type": "string"
                      }
                    }
                  },
                  "targetPortal": {
                    "type": "string"
                  }
                }
              },
              "name": {
                "type": "string",
                "maxLength": 63
              },
              "nfs": {
                "type": "object",
                "required": [
                  "server",
                  "path"
                ],
                "properties": {
                  "path": {
                    "type": "string"
                  },
                  "readOnly": {
                    "type": "boolean"
                  },
                  "server": {
                    "type": "string"
                  }
                }
              },
              "persistentVolumeClaim": {
                "type": "object",
                "required": [
                  "claimName"
                ],
                "properties": {
                  "claimName": {
                    "type": "string"
                  },
                  "readOnly": {
                    "type": "boolean"
                  }
                }
              },
              "photonPersistentDisk": {
                "type": "object",
                "required": [
                  "pdID"
                ],
                "properties": {
                  "fsType": {
                    "type": "string"
                  },
                  "pdID": {
                    "type": "string"
                  }
                }
              },
              "portworxVolume": {
                "type": "object",
                "required": [
                  "volumeID"
                ],
                "properties": {
                  "fsType": {
                    "type": "string"
                  },
                  "readOnly": {
                    "type": "boolean"
                  },
                  "volumeID": {
                    "type": "string"
                  }
                }
              },
              "projected": {
                "type": "object",
                "properties": {
                  "defaultMode": {
                    "type": "integer",
                    "format": "int32"
                  },
                  "sources": {
                    "type": "array",
                    "x-kubernetes-list-type": "atomic",
                    "items": {
                      "type": "object",
                      "properties": {
                        "clusterTrustBundle": {
                          "type": "object",
                          "required": [
                            "path"
                          ],
                          "properties": {
                            "labelSelector": {
                              "type": "object",
                              "x-kubernetes-map-type": "atomic",
                              "properties": {
                                "matchExpressions": {
                                  "type": "array",
                                  "x-kubernetes-list-type": "atomic",
                                  "items": {
                                    "type": "object",
                                    "required": [
                                      "key",
                                      "operator"
                                    ],
                                    "properties": {
                                      "key": {
                                        "type": "string"
                                      },
                                      "operator": {
                                        "type": "string"
                                      },
                                      "values": {
                                        "type": "array",
                                        "x-kubernetes-list-type": "atomic",
                                        "items": {
                                          "type": "string"
                                        }
                                      }
                                    }
                                  }
                                },
                                "matchLabels": {
                                  "type": "object",
                                  "additionalProperties": {
                                    "type": "string"
                                  }
                                }
                              }
                            },
                            "name": {
                              "type": "string"
                            },
                            "optional": {
                              "type": "boolean"
                            },
                            "path": {
                              "type": "string"
                            },
                            "signerName": {
                              "type": "string"
                            }
                          }
                        },
                        "configMap": {
                          "type": "object",
                          "properties": {
                            "items": {
                              "type": "array",
                              "x-kubernetes-list-type": "atomic",
                              "items": {
                                "type": "object",
                                "required": [
                                  "key",
                                  "path"
                                ],
                                "properties": {
                                  "key": {
                                    "type": "string"
                                  },
                                  "mode": {
                                    "type": "integer",
                                    "format": "int32"
                                  },
                                  "path": {
                                    "type": "string"
                                  }
                                }
                              }
                            },
                            "name": {
                              "type": "string"
                            },
                            "optional": {
                              "type": "boolean"
                            }
                          }
                        },
                        "downwardAPI": {
                          "type": "object",
                          "properties": {
                            "items": {
                              "type": "array",
                              "x-kubernetes-list-type": "atomic",
                              "items": {
                                "type": "object",
                                "required": [
                                  "path"
                                ],
                                "properties": {
                                  "fieldRef": {
                                    "type": "object",
                                    "x-kubernetes-map-type": "atomic",
                                    "required": [
                                      "fieldPath"
                                    ],
                                    "properties": {
                                      "apiVersion": {
                                        "type": "string"
                                      },
                                      "fieldPath": {
                                        "type": "string"
                                      }
                                    }
                                  },
                                  "mode": {
                                    "type": "integer",
                                    "format": "int32"
                                  },
                                  "path": {
                                    "type": "string"
                                  },
                                  "resourceFieldRef": {
                                    "type": "object",
                                    "x-kubernetes-map-type": "atomic",
                                    "required": [
                                      "resource"
                                    ],
                                    "properties": {
                                      "containerName": {
                                        "type": "string"
                                      },
                                      "divisor": {
                                        "pattern": "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$",
                                        "x-kubernetes-int-or-string": true,
                                        "anyOf": [
                                          {
                                            "type": "integer"
                                          },
                                          {
                                            "type": "string"
                                          }
                                        ]
                                      },
                                      "resource": {
                                        "type": "string"
                                      }
                                    }
                                  }
                                }
                              }
                            }
                          }
                        },
                        "podCertificate": {
                          "type": "object",
                          "required": [
                            "signerName",
                            "keyType"
                          ],
                          "properties": {
                            "certificateChainPath": {
                              "type": "string"
                            },
                            "credentialBundlePath": {
                              "type": "string"
                            },
                            "keyPath": {
                              "type": "string"
                            },
                            "keyType": {
                              "type": "string"
                            },
                            "maxExpirationSeconds": {
                              "type": "integer",
                              "format": "int32"
                            },
                            "signerName": {
                              "type": "string"
                            },
                            "userAnnotations": {
                              "type": "object",
                              "additionalProperties": {
                                "type": "string"
                              }
                            }
                          }
                        },
                        "secret": {
                          "type": "object",
                          "properties": {
                            "items": {
                              "type": "array",
                              "x-kubernetes-list-type": "atomic",
                              "items": {
                                "type": "object",
                                "required": [
                                  "key",
                                  "path"
                                ],
                                "properties": {
                                  "key": {
                                    "type": "string"
                                  },
                                  "mode": {
                                    "type": "integer",
                                    "format": "int32"
                                  },
                                  "path": {
                                    "type": "string"
                                  }
                                }
                              }
                            },
                            "name": {
                              "type": "string"
                            },
                            "optional": {
                              "type": "boolean"
                            }
                          }
                        },
                        "serviceAccountToken": {
                          "type": "object",
                          "required": [
                            "path"
                          ],
                          "properties": {
                            "audience": {
                              "type": "string"
                            },
                            "expirationSeconds": {
                              "type": "integer",
                              "format": "int64"
                            },
                            "path": {
                              "type": "string"
                            }
                          }
                        }
                      }
                    }
                  }
                }
              },
              "quobyte": {
                "type": "object",
                "required": [
                  "registry",
                  "volume"
                ],
                "properties": {
                  "group": {
                    "type": "string"
                  },
                  "readOnly": {
                    "type": "boolean"
                  },
                  "registry": {
                    "type": "string"
                  },
                  "tenant": {
                    "type": "string"
                  },
                  "user": {
                    "type": "string"
                  },
                  "volume": {
                    "type": "string"
                  }
                }
              },
              "rbd": {
                "type": "object",
                "required": [
                  "monitors",
                  "image"
                ],
                "properties": {
                  "fsType": {
                    "type": "string"
                  },
                  "image": {
                    "type": "string"
                  },
                  "keyring": {
                    "type": "string",
                    "default": "/etc/ceph/keyring"
                  },
                  "monitors": {
                    "type": "array",
                    "x-kubernetes-list-type": "atomic",
                    "items": {
                      "type": "string"
                    }
                  },
                  "pool": {
                    "type": "string",
                    "default": "rbd"
                  },
                  "readOnly": {
                    "type": "boolean"
                  },
                  "secretRef": {
                    "type": "object",
                    "x-kubernetes-map-type": "atomic",
                    "properties": {
                      "name": {
                        "type": "string"
                      }
                    }
                  },
                  "user": {
                    "type": "string",
                    "default": "admin"
                  }
                }
              },
              "scaleIO": {
                "type": "object",
                "required": [
                  "gateway",
                  "system",
                  "secretRef"
                ],
                "properties": {
                  "fsType": {
                    "type": "string",
                    "default": "xfs"
                  },
                  "gateway": {
                    "type": "string"
                  },
                  "protectionDomain": {
                    "type": "string"
                  },
                  "readOnly": {
                    "type": "boolean"
                  },
                  "secretRef": {
                    "type": "object",
                    "x-kubernetes-map-type": "atomic",
                    "properties": {
                      "name": {
                        "type": "string"
                      }
                    }
                  },
                  "sslEnabled": {
                    "type": "boolean"
                  },
                  "storageMode": {
                    "type": "string",
                    "default": "ThinProvisioned"
                  },
                  "storagePool": {
                    "type": "string"
                  },
                  "system": {
                    "type": "string"
                  },
                  "volumeName": {
                    "type": "string"
                  }
                }
              },
              "secret": {
                "type": "object",
                "properties": {
                  "defaultMode": {
                    "type": "integer",
                    "format": "int32"
                  },
                  "items": {
                    "type": "array",
                    "x-kubernetes-list-type": "atomic",
                    "items": {
                      "type": "object",
                      "required": [
                        "key",
                        "path"
                      ],
                      "properties": {
                        "key": {
                          "type": "string"
                        },
                        "mode": {
                          "type": "integer",
                          "format": "int32"
                        },
                        "path": {
                          "type": "string"
                        }
                      }
                    }
                  },
                  "optional": {
                    "type": "boolean"
                  },
                  "secretName": {
                    "type": "string"
                  }
                }
              },
              "storageos": {
                "type": "object",
                "properties": {
                  "fsType": {
                    "type": "string"
                  },
                  "readOnly": {
                    "type": "boolean"
                  },
                  "secretRef": {
                    "type": "object",
                    "x-kubernetes-map-type": "atomic",
                    "properties": {
                      "name": {
                        "type": "string"
                      }
                    }
                  },
                  "volumeName": {
                    "type": "string"
                  },
                  "volumeNamespace": {
                    "type": "string"
                  }
                }
              },
              "vsphereVolume": {
                "type": "object",
                "required": [
                  "volumePath"
                ],
                "properties": {
                  "fsType": {
                    "type": "string"
                  },
                  "storagePolicyID": {
                    "type": "string"
                  },
                  "storagePolicyName": {
                    "type": "string"
                  },
                  "volumePath": {
                    "type": "string"
                  }
                }
              }
            }
          }
        },
        "imagePullSecrets": {
          "type": "array",
          "maxItems": 32,
          "items": {
            "type": "object",
            "x-kubernetes-map-type": "atomic",
            "properties": {
              "name": {
                "type": "string"
              }
            }
          }
        },
        "podMetadata": {
          "type": "object",
          "properties": {
            "labels": {
              "type": "object",
              "maxProperties": 64,
              "additionalProperties": {
                "type": "string"
              }
            },
            "annotations": {
              "type": "object",
              "maxProperties": 64,
              "additionalProperties": {
                "type": "string"
              }
            }
          }
        },
        "overrides": {
          "type": "array",
          "maxItems": 32,
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": [
            "annotation",
            "container"
          ],
          "items": {
            "type": "object",
            "required": [
              "annotation",
              "container"
            ],
            "properties": {
              "annotation": {
                "type": "string",
                "maxLength": 317,
                "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$"
              },
              "container": {
                "type": "string",
                "maxLength": 63
              },
              "env": {
                "type": "string",
                "maxLength": 128,
                "pattern": "^[-._a-zA-Z][-._a-zA-Z0-9]*$"
              },
              "resource": {
                "type": "string",
                "enum": [
                  "requests.cpu",
                  "requests.memory",
                  "requests.ephemeral-storage",
                  "limits.cpu",
                  "limits.memory",
                  "limits.ephemeral-storage"
                ]
              },
              "format": {
                "type": "string",
                "enum": [
                  "PortList",
                  "CIDRList",
                  "Quantity",
                  "Integer",
                  "Boolean"
                ]
              },
              "maximum": {
                "type": "string",
                "maxLength": 64
              }
            }
          }
        },
        "shareProcessNamespace": {
          "type": "boolean",
          "default": true
        },
        "supportedOS": {
          "type": "array",
          "minItems": 1,
          "maxItems": 2,
          "x-kubernetes-list-type": "set",
          "default": [
            "linux"
          ],
          "items": {
            "type": "string",
            "enum": [
              "linux",
              "windows"
            ]
          }
        },
        "paused": {
          "type": "boolean",
          "default": false
        },
        "updateStrategy": {
          "type": "object",
          "default": {},
          "properties": {
            "type": {
              "type": "string",
              "enum": [
                "RollingUpdate",
                "RestartWorkloads",
                "NotUpdate"
              ],
              "default": "RollingUpdate"
            },
            "maxUnavailable": {
              "x-kubernetes-int-or-string": true,
              "anyOf": [
                {
                  "type": "integer"
                },
                {
                  "type": "string"
                }
              ],
              "default": 1
            },
            "partition": {
              "x-kubernetes-int-or-string": true,
              "anyOf": [
                {
                  "type": "integer"
                },
                {
                  "type": "string"
                }
              ]
            },
            "paused": {
              "type": "boolean",
              "default": false
            }
          }
        }
      }
    },
    "status": {
      "type": "object",
      "properties": {
        "observedGeneration": {
          "type": "integer",
          "format": "int64",
          "minimum": 0
        },
        "matchedPods": {
          "type": "integer",
          "format": "int32",
          "minimum": 0
        },
        "injectedPods": {
          "type": "integer",
          "format": "int32",
          "minimum": 0
        },
        "updatedPods": {
          "type": "integer",
          "format": "int32",
          "minimum": 0
        },
        "readyPods": {
          "type": "integer",
          "format": "int32",
          "minimum": 0
        },
        "updatedReadyPods": {
          "type": "integer",
          "format": "int32",
          "minimum": 0
        },
        "missedPods": {
          "type": "integer",
          "format": "int32",
          "minimum": 0
        },
        "outdatedPods": {
          "type": "integer",
          "format": "int32",
          "minimum": 0
        },
        "conditions": {
          "type": "array",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": [
            "type"
          ],
          "items": {
            "type": "object",
            "required": [
              "type",
              "status",
              "lastTransitionTime",
              "reason",
              "message"
            ],
            "properties": {
              "lastTransitionTime": {
                "type": "string",
                "format": "date-time"
              },
              "message": {
                "type": "string",
                "maxLength": 32768
              },
              "observedGeneration": {
                "type": "integer",
                "format": "int64",
                "minimum": 0
              },
              "reason": {
                "type": "string",
                "pattern": "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$",
                "minLength": 1,
                "maxLength": 1024
              },
              "status": {
                "type": "string",
                "enum": [
                  "True",
                  "False",
                  "Unknown"
                ]
              },
              "type": {
                "type": "string",
                "pattern": "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$",
                "maxLength": 316
              }
            }
          }
        }
      }
    }
  }
};
