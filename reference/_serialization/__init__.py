"""The pieces of torch's checkpoint formats: torch-named pickling, the allow-list unpickler, the zip
container, the legacy stream, safetensors. reference/serialization.py is the public face."""
