using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lantern.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EscalationAndChallenges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LastMailError",
                table: "Notifications",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MailAttempts",
                table: "Notifications",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "NextMailAttemptAt",
                table: "Notifications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "EscalationSteps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Duty = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    SubjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DutyDueBy = table.Column<long>(type: "INTEGER", nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    StepDueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PerformedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Told = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EscalationSteps", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProfessionalChallenges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReferralId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RaisedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    RaisedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AboutDecision = table.Column<bool>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    DueBy = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Response = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    ResponseNote = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    AnsweredBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProfessionalChallenges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProfessionalChallenges_Referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EscalationSteps_Duty_SubjectId_DutyDueBy_Level",
                table: "EscalationSteps",
                columns: new[] { "Duty", "SubjectId", "DutyDueBy", "Level" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EscalationSteps_Reference",
                table: "EscalationSteps",
                column: "Reference");

            migrationBuilder.CreateIndex(
                name: "IX_ProfessionalChallenges_ReferralId",
                table: "ProfessionalChallenges",
                column: "ReferralId");

            migrationBuilder.CreateIndex(
                name: "IX_ProfessionalChallenges_Status_DueBy",
                table: "ProfessionalChallenges",
                columns: new[] { "Status", "DueBy" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EscalationSteps");

            migrationBuilder.DropTable(
                name: "ProfessionalChallenges");

            migrationBuilder.DropColumn(
                name: "LastMailError",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "MailAttempts",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "NextMailAttemptAt",
                table: "Notifications");
        }
    }
}
