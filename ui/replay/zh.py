"""Simplified Chinese for the replay and team windows, installed as a Python QTranslator.

These windows carry their own small catalogue (no .qm build step) so they run on their own;
source strings are English, as Qt expects. The player's status notes are translated here too.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

ZH = {
    "(all)": "（全部）", "Advisor": "坐席", "Avg length": "平均时长", "Calls": "通话数",
    "Choose a call on the left": "请在左侧选择一通电话", "Copilot · Replay": "Copilot · 通话回放",
    "Copilot · Team view": "Copilot · 团队视图", "Export CSV": "导出 CSV",
    "Export CSV…": "导出 CSV…", "From": "从", "Next warning (N)": "下一个警告 (N)",
    "Outcome": "结果", "outcome": "结果", "Pause": "暂停", "Play": "播放", "Since": "起始日期",
    "Speaker": "说话人", "Speed": "倍速", "Team": "团队", "Text": "内容", "Time": "时间",
    "Until": "截止日期", "Warnings": "警告", "all teams": "全部团队",
    "only calls with violations": "只看有违规的通话", "per advisor": "按坐席", "per team": "按团队",
    "to": "到", "wrote {path}": "已写入 {path}", "Started": "开始时间", "Length": "时长",
    "Status": "状态", "Viol.": "违规",
    "{calls} calls from {since} to {until}, average {length}":
        "{since} 至 {until} 共 {calls} 通电话，平均时长 {length}",
    "{c} /100": "{c} /百通",
    "playing through the default audio output": "正在通过默认音频输出播放",
    "no audio recorded for this call: following the transcript on a silent clock":
        "这通电话没有录音：按静音时钟跟随转写",
    "no audio output device: following the transcript on a silent clock":
        "没有音频输出设备：按静音时钟跟随转写",
}


class DictTranslator(QTranslator):
    def __init__(self, table: dict[str, str], parent=None) -> None:
        super().__init__(parent)
        self.table = table

    def translate(self, context, source_text, disambiguation=None, n=-1):  # Qt virtual
        return self.table.get(source_text, "")

    def isEmpty(self) -> bool:  # Qt virtual
        return False
