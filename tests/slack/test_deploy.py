"""The deploy files agree: the example settings are safe to copy for a local run, and the container keeps
its data dir in the compose volume."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from bot.config import Settings

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def test_the_example_settings_copied_to_a_local_env_keep_the_default_data_dir(tmp_path, monkeypatch):
    monkeypatch.delenv("KANSLI_DATA_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text((DEPLOY / "kansli.env.example").read_text(encoding="utf-8"), encoding="utf-8")
    assert Settings().kansli_data_dir == Settings(_env_file=None).kansli_data_dir


def test_the_container_keeps_its_data_dir_in_the_compose_volume():
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    data_dir = re.search(r"KANSLI_DATA_DIR=(\S+)", dockerfile).group(1)
    assert f'VOLUME ["{data_dir}"]' in dockerfile
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    assert f"kansli-data:{data_dir}" in compose["services"]["kansli"]["volumes"]
