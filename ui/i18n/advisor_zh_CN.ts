<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AdvisorApp</name>
    <message>
        <source>replay</source>
        <translation>回放</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Outcome saved with the session.</source>
        <translation>通话结果已随会话保存。</translation>
    </message>
    <message>
        <source>Outcome not recorded yet: Ctrl+E records it.</source>
        <translation>尚未记录通话结果：按 Ctrl+E 记录。</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
</context>
<context>
    <name>AdvisorWindow</name>
    <message>
        <source>Copied: %1</source>
        <translation>已复制：%1</translation>
    </message>
    <message>
        <source>Copilot — advisor</source>
        <translation>Copilot 坐席助手</translation>
    </message>
    <message>
        <source>DEMO REPLAY</source>
        <translation>演示回放</translation>
    </message>
    <message>
        <source>Live transcript</source>
        <translation>实时转写</translation>
    </message>
    <message>
        <source>The demo call starts as soon as the knowledge base is loaded…</source>
        <translation>知识库加载完成后即开始演示通话…</translation>
    </message>
    <message>
        <source>Press F9 to start a call. What both sides say appears here.</source>
        <translation>按 F9 开始通话，双方的对话会显示在这里。</translation>
    </message>
    <message>
        <source>Customer profile</source>
        <translation>客户画像</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>合规提醒</translation>
    </message>
</context>
<context>
    <name>CallBar</name>
    <message>
        <source>Elapsed call time</source>
        <translation>通话时长</translation>
    </message>
    <message>
        <source>Session id (stored with the call)</source>
        <translation>会话编号（随通话保存）</translation>
    </message>
    <message>
        <source>End call (F9)</source>
        <translation>结束通话 (F9)</translation>
    </message>
    <message>
        <source>Start call (F9)</source>
        <translation>开始通话 (F9)</translation>
    </message>
    <message>
        <source>default input</source>
        <translation>默认输入</translation>
    </message>
</context>
<context>
    <name>ComplianceBanner</name>
    <message>
        <source>Got it (Ctrl+K)</source>
        <translation>知道了 (Ctrl+K)</translation>
    </message>
    <message>
        <source>Acknowledge this warning</source>
        <translation>确认已看到这条提醒</translation>
    </message>
    <message>
        <source>⚠ Disclosures still missing: %1</source>
        <translation>⚠ 尚未告知：%1</translation>
    </message>
    <message>
        <source> (checking…)</source>
        <translation>（确认中…）</translation>
    </message>
    <message>
        <source>Rule: %1</source>
        <translation>依据：%1</translation>
    </message>
    <message>
        <source>Say instead: %1</source>
        <translation>建议话术：%1</translation>
    </message>
    <message>
        <source>+%1 more</source>
        <translation>另有 %1 条</translation>
    </message>
</context>
<context>
    <name>DemoBar</name>
    <message>
        <source>DEMO REPLAY · 演示回放</source>
        <translation>演示回放 · DEMO REPLAY</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Restart (Ctrl+R)</source>
        <translation>重新开始 (Ctrl+R)</translation>
    </message>
    <message>
        <source>Replay finished.</source>
        <translation>回放结束。</translation>
    </message>
    <message>
        <source>A recorded demo call, not a live call.</source>
        <translation>这是录制好的演示通话，不是真实通话。</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Guaranteed return</source>
        <translation>承诺收益</translation>
    </message>
    <message>
        <source>Sold as a deposit</source>
        <translation>混淆存款</translation>
    </message>
    <message>
        <source>Exaggerated coverage</source>
        <translation>夸大保障</translation>
    </message>
    <message>
        <source>Rebate or gift</source>
        <translation>返佣送礼</translation>
    </message>
    <message>
        <source>Disparaging a competitor</source>
        <translation>诋毁同业</translation>
    </message>
    <message>
        <source>False urgency</source>
        <translation>虚假紧迫</translation>
    </message>
    <message>
        <source>Hindering health disclosure</source>
        <translation>阻碍如实告知</translation>
    </message>
    <message>
        <source>Inducing surrender</source>
        <translation>诱导退保</translation>
    </message>
    <message>
        <source>Moving off the recorded line</source>
        <translation>引导离开录音渠道</translation>
    </message>
    <message>
        <source>Pressure tactics</source>
        <translation>强迫施压</translation>
    </message>
    <message>
        <source>Claimed regulator endorsement</source>
        <translation>冒称监管背书</translation>
    </message>
    <message>
        <source>Name, insurer and licence no.</source>
        <translation>姓名、公司全称和工号</translation>
    </message>
    <message>
        <source>Call is recorded</source>
        <translation>全程录音告知</translation>
    </message>
    <message>
        <source>It is an insurance product</source>
        <translation>说明是保险产品</translation>
    </message>
    <message>
        <source>Coverage and exclusions</source>
        <translation>保障范围和责任免除</translation>
    </message>
    <message>
        <source>Cooling-off period</source>
        <translation>犹豫期</translation>
    </message>
    <message>
        <source>Loss on surrender</source>
        <translation>退保损失</translation>
    </message>
    <message>
        <source>Truthful health disclosure</source>
        <translation>如实健康告知</translation>
    </message>
    <message>
        <source>Premium and term</source>
        <translation>保费和保险期间</translation>
    </message>
    <message>
        <source>Waiting period</source>
        <translation>等待期</translation>
    </message>
    <message>
        <source>Returns are not guaranteed</source>
        <translation>收益不确定</translation>
    </message>
    <message>
        <source>Customer refused</source>
        <translation>客户明确拒绝</translation>
    </message>
    <message>
        <source>Complaint intent</source>
        <translation>投诉倾向</translation>
    </message>
    <message>
        <source>Price objection</source>
        <translation>价格异议</translation>
    </message>
    <message>
        <source>Trust objection</source>
        <translation>信任异议</translation>
    </message>
    <message>
        <source>No need</source>
        <translation>无需求</translation>
    </message>
    <message>
        <source>Wants to think about it</source>
        <translation>考虑一下</translation>
    </message>
    <message>
        <source>Already insured</source>
        <translation>已有保险</translation>
    </message>
    <message>
        <source>Family decides</source>
        <translation>需家人决定</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>家庭</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>职业</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Income / budget</source>
        <translation>收入/预算</translation>
    </message>
    <message>
        <source>Existing coverage</source>
        <translation>已有保障</translation>
    </message>
    <message>
        <source>Health notes</source>
        <translation>健康情况</translation>
    </message>
    <message>
        <source>Interest</source>
        <translation>关注点</translation>
    </message>
    <message>
        <source>Annual premium</source>
        <translation>年缴保费</translation>
    </message>
    <message>
        <source>Star level</source>
        <translation>星级</translation>
    </message>
    <message>
        <source>Growth value</source>
        <translation>成长值</translation>
    </message>
    <message>
        <source>Gap to next level</source>
        <translation>距下一级</translation>
    </message>
    <message>
        <source>Sale</source>
        <translation>成交</translation>
    </message>
    <message>
        <source>Call back</source>
        <translation>预约回访</translation>
    </message>
    <message>
        <source>Not interested</source>
        <translation>不感兴趣</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>明确拒绝</translation>
    </message>
    <message>
        <source>Hung up</source>
        <translation>客户挂断</translation>
    </message>
    <message>
        <source>health products</source>
        <translation>健康险</translation>
    </message>
    <message>
        <source>savings products</source>
        <translation>储蓄型产品</translation>
    </message>
    <message>
        <source>protection products</source>
        <translation>保障型产品</translation>
    </message>
    <message>
        <source>Serious</source>
        <translation>严重</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Advisor</source>
        <translation>坐席</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message>
        <source>Call started at %1, outside the permitted outbound call window %2.</source>
        <translation>通话开始于 %1，不在允许的外呼时段 %2 内。</translation>
    </message>
    <message>
        <source>No speech model installed: click the speech model status to see how to install one.</source>
        <translation>未安装语音模型：点击“语音模型”状态查看安装方法。</translation>
    </message>
    <message>
        <source>Semantic matching is off: the embedding model does not read this knowledge base&apos;s language.</source>
        <translation>语义匹配已关闭：当前向量模型不支持本知识库的语言。</translation>
    </message>
    <message>
        <source>Semantic search is off: the embedding model does not read this knowledge base&apos;s language.</source>
        <translation>语义检索已关闭：当前向量模型不支持本知识库的语言。</translation>
    </message>
    <message>
        <source>The transcript was repaired while reading: %1</source>
        <translation>读取转写时已自动修正：%1</translation>
    </message>
</context>
<context>
    <name>OutcomeDialog</name>
    <message>
        <source>Call outcome</source>
        <translation>通话结果</translation>
    </message>
    <message>
        <source>How did the call end?</source>
        <translation>本次通话的结果是？</translation>
    </message>
    <message>
        <source>(session %1)</source>
        <translation>（会话 %1）</translation>
    </message>
    <message>
        <source>Call back at</source>
        <translation>回访时间</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>What was agreed, what to prepare next time…</source>
        <translation>约定了什么、下次要准备什么…</translation>
    </message>
</context>
<context>
    <name>ProcessNavigator</name>
    <message>
        <source>Call process</source>
        <translation>通话流程</translation>
    </message>
    <message>
        <source>Required disclosures</source>
        <translation>必须告知事项</translation>
    </message>
    <message>
        <source>Next: %1</source>
        <translation>下一步：%1</translation>
    </message>
    <message>
        <source>Required step</source>
        <translation>必做步骤</translation>
    </message>
    <message>
        <source>(%1 only)</source>
        <translation>（仅%1）</translation>
    </message>
    <message>
        <source>Say: %1</source>
        <translation>参考说法：%1</translation>
    </message>
</context>
<context>
    <name>ProfilePanel</name>
    <message>
        <source>Field</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Double-click a value to correct it; hover for the evidence.</source>
        <translation>双击内容可修改；悬停查看依据原话。</translation>
    </message>
    <message>
        <source>%1-star</source>
        <translation>%1 星</translation>
    </message>
    <message>
        <source>growth value %1</source>
        <translation>成长值 %1</translation>
    </message>
    <message>
        <source>%1 to the next level</source>
        <translation>距下一级还差 %1</translation>
    </message>
    <message>
        <source>Heard: “%1”</source>
        <translation>原话：“%1”</translation>
    </message>
    <message>
        <source>Entered by hand</source>
        <translation>人工填写</translation>
    </message>
    <message>
        <source>Extracted: %1</source>
        <translation>自动识别：%1</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Start / end the call</source>
        <translation>开始 / 结束通话</translation>
    </message>
    <message>
        <source>Acknowledge the compliance warning</source>
        <translation>确认合规提醒</translation>
    </message>
    <message>
        <source>Copy suggestion card 1</source>
        <translation>复制第 1 张建议卡</translation>
    </message>
    <message>
        <source>Copy suggestion card 2</source>
        <translation>复制第 2 张建议卡</translation>
    </message>
    <message>
        <source>Copy suggestion card 3</source>
        <translation>复制第 3 张建议卡</translation>
    </message>
    <message>
        <source>Pin / unpin card 1</source>
        <translation>固定 / 取消固定第 1 张卡</translation>
    </message>
    <message>
        <source>Pin / unpin card 2</source>
        <translation>固定 / 取消固定第 2 张卡</translation>
    </message>
    <message>
        <source>Pin / unpin card 3</source>
        <translation>固定 / 取消固定第 3 张卡</translation>
    </message>
    <message>
        <source>Jump to the latest transcript line</source>
        <translation>跳到最新转写</translation>
    </message>
    <message>
        <source>Record the call outcome</source>
        <translation>记录通话结果</translation>
    </message>
    <message>
        <source>Demo speed 1×</source>
        <translation>演示速度 1×</translation>
    </message>
    <message>
        <source>Demo speed 2×</source>
        <translation>演示速度 2×</translation>
    </message>
    <message>
        <source>Demo speed 4×</source>
        <translation>演示速度 4×</translation>
    </message>
    <message>
        <source>Restart the demo</source>
        <translation>重新开始演示</translation>
    </message>
    <message>
        <source>Switch light / dark theme</source>
        <translation>切换浅色 / 深色主题</translation>
    </message>
    <message>
        <source>Switch 中文 / English</source>
        <translation>切换 中文 / English</translation>
    </message>
    <message>
        <source>Keep the window on top</source>
        <translation>窗口置顶</translation>
    </message>
    <message>
        <source>Show the shortcuts</source>
        <translation>显示快捷键</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Knowledge base: loading…</source>
        <translation>知识库加载中…</translation>
    </message>
    <message>
        <source>Knowledge base ✓</source>
        <translation>知识库 ✓</translation>
    </message>
    <message>
        <source>Knowledge base: error</source>
        <translation>知识库错误</translation>
    </message>
    <message>
        <source>Speech model: checking…</source>
        <translation>语音模型检查中…</translation>
    </message>
    <message>
        <source>Speech model ✓</source>
        <translation>语音模型 ✓</translation>
    </message>
    <message>
        <source>No speech model</source>
        <translation>未安装语音模型</translation>
    </message>
    <message>
        <source>Speech model: error</source>
        <translation>语音模型错误</translation>
    </message>
    <message>
        <source>Install one with:</source>
        <translation>安装方法：</translation>
    </message>
    <message>
        <source>Semantic search: loading…</source>
        <translation>语义检索加载中…</translation>
    </message>
    <message>
        <source>Semantic search ✓</source>
        <translation>语义检索 ✓</translation>
    </message>
    <message>
        <source>Keyword search only</source>
        <translation>仅关键词检索</translation>
    </message>
    <message>
        <source>Semantic search: error</source>
        <translation>语义检索错误</translation>
    </message>
    <message>
        <source>For semantic search install an embedding model:</source>
        <translation>如需语义检索，请安装向量模型：</translation>
    </message>
</context>
<context>
    <name>SuggestionCard</name>
    <message>
        <source>Fact</source>
        <translation>产品资料</translation>
    </message>
    <message>
        <source>Answers: %1</source>
        <translation>应对：%1</translation>
    </message>
    <message>
        <source>Script</source>
        <translation>话术</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the text to the clipboard</source>
        <translation>复制到剪贴板</translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation>已固定</translation>
    </message>
    <message>
        <source>Pin</source>
        <translation>固定</translation>
    </message>
    <message>
        <source>Keep this card while new suggestions arrive</source>
        <translation>有新建议时保留这张卡</translation>
    </message>
</context>
<context>
    <name>SuggestionPanel</name>
    <message>
        <source>Suggestions</source>
        <translation>话术建议</translation>
    </message>
    <message>
        <source>Scripts and product facts appear here when the customer objects or asks.</source>
        <translation>客户提出异议或问题时，这里会出现推荐话术和产品资料。</translation>
    </message>
    <message>
        <source>Customer: %1</source>
        <translation>客户：%1</translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message numerus="yes">
        <source>↓ %n new line(s) — End to follow</source>
        <translation>
            <numerusform>↓ %n 条新内容 — 按 End 跟随</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WarningList</name>
    <message>
        <source>Said late: %1</source>
        <translation>告知偏晚：%1</translation>
    </message>
    <message>
        <source>Missing: %1</source>
        <translation>未告知：%1</translation>
    </message>
    <message>
        <source>(said later: %1)</source>
        <translation>（后来已告知：%1）</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&amp;Call</source>
        <translation>通话(&amp;C)</translation>
    </message>
    <message>
        <source>C&amp;ards</source>
        <translation>建议卡(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Demo</source>
        <translation>演示(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
</context>
</TS>
