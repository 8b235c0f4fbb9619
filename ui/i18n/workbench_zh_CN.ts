<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ChangesPanel</name>
    <message>
        <source>No unsaved changes.</source>
        <translation>没有未保存的修改。</translation>
    </message>
</context>
<context>
    <name>FormLabels</name>
    <message>
        <source>id</source>
        <translation>编号 id</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>规则类型 kind</translation>
    </message>
    <message>
        <source>category</source>
        <translation>类别 category</translation>
    </message>
    <message>
        <source>severity</source>
        <translation>严重程度 severity</translation>
    </message>
    <message>
        <source>article</source>
        <translation>依据条款 article</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>原因 reason</translation>
    </message>
    <message>
        <source>suggestion</source>
        <translation>建议说法 suggestion</translation>
    </message>
    <message>
        <source>patterns (regex)</source>
        <translation>正则 patterns</translation>
    </message>
    <message>
        <source>exceptions (regex)</source>
        <translation>例外正则 exceptions</translation>
    </message>
    <message>
        <source>examples</source>
        <translation>例句 examples（须命中）</translation>
    </message>
    <message>
        <source>negatives (must not match)</source>
        <translation>反例 negatives（不得命中）</translation>
    </message>
    <message>
        <source>paraphrases (similarity only)</source>
        <translation>同义改写 paraphrases（相似度学习）</translation>
    </message>
    <message>
        <source>before stage</source>
        <translation>须在此阶段前 before_stage</translation>
    </message>
    <message>
        <source>applies to</source>
        <translation>适用产品 applies_to</translation>
    </message>
    <message>
        <source>handles (signals)</source>
        <translation>应对信号 handles</translation>
    </message>
    <message>
        <source>title</source>
        <translation>标题 title</translation>
    </message>
    <message>
        <source>text</source>
        <translation>正文 text</translation>
    </message>
    <message>
        <source>stage</source>
        <translation>阶段 stage</translation>
    </message>
    <message>
        <source>product</source>
        <translation>产品 product</translation>
    </message>
    <message>
        <source>tags</source>
        <translation>标签 tags</translation>
    </message>
    <message>
        <source>label</source>
        <translation>名称 label</translation>
    </message>
    <message>
        <source>aspect</source>
        <translation>方面 aspect</translation>
    </message>
    <message>
        <source>required</source>
        <translation>必做 required</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称 name</translation>
    </message>
    <message>
        <source>type</source>
        <translation>险种 type</translation>
    </message>
    <message>
        <source>family</source>
        <translation>产品大类 family</translation>
    </message>
    <message>
        <source>aliases</source>
        <translation>别名 aliases</translation>
    </message>
    <message>
        <source>description</source>
        <translation>说明 description</translation>
    </message>
    <message>
        <source>source</source>
        <translation>来源 source</translation>
    </message>
    <message>
        <source>growth factor</source>
        <translation>成长系数 growth_factor</translation>
    </message>
    <message>
        <source>payment years</source>
        <translation>缴费年期 payment_years</translation>
    </message>
    <message>
        <source>language</source>
        <translation>语言 language</translation>
    </message>
    <message>
        <source>version</source>
        <translation>版本 version</translation>
    </message>
    <message>
        <source>default SOP</source>
        <translation>默认流程 default_sop</translation>
    </message>
    <message>
        <source>filler words</source>
        <translation>语气词 filler_words</translation>
    </message>
    <message>
        <source>negation cues</source>
        <translation>否定词 negation_cues</translation>
    </message>
    <message>
        <source>extra categories</source>
        <translation>扩展类别 categories</translation>
    </message>
</context>
<context>
    <name>IndexPanel</name>
    <message>
        <source>Rebuild index</source>
        <translation>重建索引</translation>
    </message>
    <message>
        <source>Never built from the workbench: every item is new.</source>
        <translation>尚未在工作台中构建过索引：所有条目都是新的。</translation>
    </message>
    <message>
        <source>Since the build of {0}: {1} added, {2} changed, {3} removed</source>
        <translation>自 {0} 构建以来：新增 {1}，修改 {2}，删除 {3}</translation>
    </message>
    <message>
        <source>(nothing changed: the index is up to date)</source>
        <translation>（没有变化：索引是最新的）</translation>
    </message>
    <message>
        <source>lexical + dense</source>
        <translation>词法 + 向量</translation>
    </message>
    <message>
        <source>lexical only</source>
        <translation>仅词法</translation>
    </message>
    <message>
        <source>Built {0} rows ({1}, {2} newly embedded) in {3:.2f} s. {4}</source>
        <translation>已构建 {0} 行（{1}，新向量化 {2} 条），用时 {3:.2f} 秒。{4}</translation>
    </message>
    <message>
        <source>Build failed: </source>
        <translation>构建失败：</translation>
    </message>
</context>
<context>
    <name>ItemBrowser</name>
    <message>
        <source>search id, title, text, examples</source>
        <translation>搜索 id、标题、正文、示例</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>handles</source>
        <translation>处理信号</translation>
    </message>
    <message>
        <source>id</source>
        <translation>id</translation>
    </message>
    <message>
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>tests</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>(any)</source>
        <translation>（全部）</translation>
    </message>
</context>
<context>
    <name>ItemForm</name>
    <message>
        <source>Select an item on the left</source>
        <translation>请在左侧选择一个条目</translation>
    </message>
    <message>
        <source>Rule tests</source>
        <translation>规则测试</translation>
    </message>
</context>
<context>
    <name>KbTestsPanel</name>
    <message>
        <source>Run KB tests</source>
        <translation>运行知识库测试</translation>
    </message>
    <message>
        <source>tests/*.yaml dialogues with the events trainers expect</source>
        <translation>tests/*.yaml 中的对话及培训师期望的事件</translation>
    </message>
    <message>
        <source>Could not run: </source>
        <translation>无法运行：</translation>
    </message>
    <message>
        <source>The KB has errors; fix them first (see Problems).</source>
        <translation>知识库有错误，请先修复（见“问题”）。</translation>
    </message>
    <message>
        <source>running…</source>
        <translation>运行中…</translation>
    </message>
    <message>
        <source>{0} passed, {1} failed</source>
        <translation>{0} 通过，{1} 失败</translation>
    </message>
</context>
<context>
    <name>LinesField</name>
    <message>
        <source>one per line</source>
        <translation>每行一条</translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <source>{0} error(s), {1} warning(s)</source>
        <translation>{0} 个错误，{1} 个警告</translation>
    </message>
    <message>
        <source>No problems: the KB is valid.</source>
        <translation>没有问题：知识库有效。</translation>
    </message>
</context>
<context>
    <name>RuleTestsPanel</name>
    <message>
        <source>owner</source>
        <translation>规则/信号</translation>
    </message>
    <message>
        <source>result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>{0} owners, {1} checks, {2} failing</source>
        <translation>{0} 项，{1} 个检查，{2} 项失败</translation>
    </message>
</context>
<context>
    <name>TryItPanel</name>
    <message>
        <source>Type a sentence, or a dialogue with one turn per line:</source>
        <translation>输入一句话，或每行一轮的对话：</translation>
    </message>
    <message>
        <source>customer 客户</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>advisor 坐席</source>
        <translation>坐席</translation>
    </message>
    <message>
        <source>Speaker of lines without 坐席:/客户: (A:/C:)</source>
        <translation>没有“坐席:/客户:”（A:/C:）前缀的行由谁说</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>re-run on every change</source>
        <translation>每次修改后重新运行</translation>
    </message>
    <message>
        <source>unmarked lines:</source>
        <translation>无前缀的行：</translation>
    </message>
    <message>
        <source>The KB has errors; fix them to try it.</source>
        <translation>知识库有错误，修复后才能试运行。</translation>
    </message>
    <message>
        <source>The KB has errors; see Problems.</source>
        <translation>知识库有错误，见“问题”。</translation>
    </message>
    <message>
        <source>running…</source>
        <translation>运行中…</translation>
    </message>
    <message>
        <source>Engine error: </source>
        <translation>引擎错误：</translation>
    </message>
    <message>
        <source>end of call</source>
        <translation>通话结束</translation>
    </message>
</context>
<context>
    <name>WorkbenchWindow</name>
    <message>
        <source>Try it</source>
        <translation>试一试</translation>
    </message>
    <message>
        <source>Rule tests</source>
        <translation>规则测试</translation>
    </message>
    <message>
        <source>KB tests</source>
        <translation>知识库测试</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Index</source>
        <translation>索引</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>Workbench</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Run KB tests</source>
        <translation>运行知识库测试</translation>
    </message>
    <message>
        <source>Rebuild index</source>
        <translation>重建索引</translation>
    </message>
    <message>
        <source>Select the {0} to add it to first.</source>
        <translation>请先选择要添加到的{0}。</translation>
    </message>
    <message>
        <source>{0} error(s), {1} warning(s); rule tests: {2} failing</source>
        <translation>{0} 个错误，{1} 个警告；规则测试：{2} 项失败</translation>
    </message>
    <message>
        <source>Saved {0} file(s)</source>
        <translation>已保存 {0} 个文件</translation>
    </message>
    <message>
        <source>KB workbench — {0}[*]</source>
        <translation>知识库工作台 — {0}[*]</translation>
    </message>
    <message>
        <source>Save the changes before closing?</source>
        <translation>关闭前保存修改吗？</translation>
    </message>
</context>
</TS>
